package dev.burnj.autodiff;

import dev.burnj.backend.Backend;
import dev.burnj.backend.ConvGradients;
import dev.burnj.backend.ConvOptions;
import dev.burnj.backend.ConvTransposeOptions;
import dev.burnj.backend.InterpolateMode;
import dev.burnj.backend.MaxPoolResult;
import dev.burnj.backend.PoolOptions;
import dev.burnj.backend.TensorPrimitive;

/**
 * {@link dev.burnj.backend.ModuleOps} of the autodiff backend: the forward runs on the inner backend and backward
 * calls the inner backend's dedicated {@code *Backward} kernels. The 1-D ops and embedding keep their composed
 * defaults (reshapes around the 2-D ops, indexSelect). The {@code *Backward} ops themselves are exposed untracked:
 * gradients are first order only.
 */
abstract class AutodiffModuleOps extends AutodiffActivationOps {
    AutodiffModuleOps(Backend inner) {
        super(inner);
    }

    /**
     * The inner backend's (possibly fused) linear layer. The weight's gradient is computed as {@code g^T x}, dense in
     * the weight's own layout, where differentiating the composition would give a transposed view of {@code x^T g}.
     */
    @Override
    public TensorPrimitive linear(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias) {
        AutodiffTensor x = unwrap(input);
        AutodiffTensor w = unwrap(weight);
        AutodiffTensor b = unwrapOptional(bias);
        TensorPrimitive out = inner.linear(x.inner(), w.inner(), b == null ? null : b.inner());
        return record("linear", out, (saved, needs) -> {
            TensorPrimitive xs = needs[1] ? saved.keep(x.inner()) : null;
            TensorPrimitive ws = needs[0] ? saved.keep(w.inner()) : null;
            return g -> grads(
                    needs[0] ? inner.matmul(g, ws) : null,
                    needs[1] ? Refs.then(inner.permute(g, new int[] {1, 0}), gt -> inner.matmul(gt, xs)) : null,
                    needs[2] ? Refs.then(inner.sumDim(g, 0), s -> inner.reshape(s, b.shape())) : null);
        }, x, w, b);
    }

    /** The inner backend's (possibly fused) cross-entropy; its backward is one {@code crossEntropyBackward}. */
    @Override
    public TensorPrimitive crossEntropy(TensorPrimitive logits, TensorPrimitive targets) {
        AutodiffTensor x = unwrap(logits);
        AutodiffTensor y = unwrap(targets);
        return record("crossEntropy", inner.crossEntropy(x.inner(), y.inner()), (saved, needs) -> {
            TensorPrimitive xs = saved.keep(x.inner());
            TensorPrimitive ys = saved.keep(y.inner());
            return g -> grads(inner.crossEntropyBackward(xs, ys, g));
        }, x);
    }

    @Override
    public TensorPrimitive crossEntropyBackward(TensorPrimitive logits, TensorPrimitive targets, TensorPrimitive grad) {
        return wrap(inner.crossEntropyBackward(unwrap(logits).inner(), unwrap(targets).inner(), unwrap(grad).inner()));
    }

    @Override
    public TensorPrimitive conv2d(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, ConvOptions options) {
        AutodiffTensor x = unwrap(input);
        AutodiffTensor w = unwrap(weight);
        AutodiffTensor b = unwrapOptional(bias);
        TensorPrimitive out = inner.conv2d(x.inner(), w.inner(), b == null ? null : b.inner(), options);
        return record("conv2d", out, (saved, needs) -> {
            TensorPrimitive xs = saved.keep(x.inner());
            TensorPrimitive ws = saved.keep(w.inner());
            TensorPrimitive bs = b == null ? null : saved.keep(b.inner());
            return g -> spread(inner.conv2dBackward(xs, ws, bs, g, options));
        }, x, w, b);
    }

    @Override
    public ConvGradients conv2dBackward(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, TensorPrimitive outputGrad,
            ConvOptions options) {
        AutodiffTensor b = unwrapOptional(bias);
        return wrapAll(inner.conv2dBackward(unwrap(input).inner(), unwrap(weight).inner(), b == null ? null : b.inner(),
                unwrap(outputGrad).inner(), options));
    }

    @Override
    public TensorPrimitive convTranspose2d(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, ConvTransposeOptions options) {
        AutodiffTensor x = unwrap(input);
        AutodiffTensor w = unwrap(weight);
        AutodiffTensor b = unwrapOptional(bias);
        TensorPrimitive out = inner.convTranspose2d(x.inner(), w.inner(), b == null ? null : b.inner(), options);
        return record("convTranspose2d", out, (saved, needs) -> {
            TensorPrimitive xs = saved.keep(x.inner());
            TensorPrimitive ws = saved.keep(w.inner());
            TensorPrimitive bs = b == null ? null : saved.keep(b.inner());
            return g -> spread(inner.convTranspose2dBackward(xs, ws, bs, g, options));
        }, x, w, b);
    }

    @Override
    public ConvGradients convTranspose2dBackward(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias,
            TensorPrimitive outputGrad, ConvTransposeOptions options) {
        AutodiffTensor b = unwrapOptional(bias);
        return wrapAll(inner.convTranspose2dBackward(unwrap(input).inner(), unwrap(weight).inner(), b == null ? null : b.inner(),
                unwrap(outputGrad).inner(), options));
    }

    /** The values are tracked; the indices are an untracked int tensor, also kept by the node to route the gradient. */
    @Override
    public MaxPoolResult maxPool2dWithIndices(TensorPrimitive input, PoolOptions options) {
        AutodiffTensor x = unwrap(input);
        MaxPoolResult r = inner.maxPool2dWithIndices(x.inner(), options);
        AutodiffTensor values;
        try {
            values = record("maxPool2d", r.values(), (saved, needs) -> {
                TensorPrimitive xs = saved.keep(x.inner());
                TensorPrimitive at = saved.keep(r.indices());
                return g -> grads(inner.maxPool2dBackward(xs, options, g, at));
            }, x);
        } catch (RuntimeException | Error e) {
            r.indices().release();
            throw e;
        }
        return new MaxPoolResult(values, wrap(r.indices()));
    }

    @Override
    public TensorPrimitive maxPool2dBackward(TensorPrimitive input, PoolOptions options, TensorPrimitive outputGrad, TensorPrimitive indices) {
        return wrap(inner.maxPool2dBackward(unwrap(input).inner(), options, unwrap(outputGrad).inner(), unwrap(indices).inner()));
    }

    @Override
    public TensorPrimitive avgPool2d(TensorPrimitive input, PoolOptions options) {
        AutodiffTensor x = unwrap(input);
        return record("avgPool2d", inner.avgPool2d(x.inner(), options), (saved, needs) -> {
            TensorPrimitive xs = saved.keep(x.inner());
            return g -> grads(inner.avgPool2dBackward(xs, options, g));
        }, x);
    }

    @Override
    public TensorPrimitive avgPool2dBackward(TensorPrimitive input, PoolOptions options, TensorPrimitive outputGrad) {
        return wrap(inner.avgPool2dBackward(unwrap(input).inner(), options, unwrap(outputGrad).inner()));
    }

    @Override
    public TensorPrimitive adaptiveAvgPool2d(TensorPrimitive input, int outHeight, int outWidth) {
        AutodiffTensor x = unwrap(input);
        return record("adaptiveAvgPool2d", inner.adaptiveAvgPool2d(x.inner(), outHeight, outWidth), (saved, needs) -> {
            TensorPrimitive xs = saved.keep(x.inner());
            return g -> grads(inner.adaptiveAvgPool2dBackward(xs, g));
        }, x);
    }

    @Override
    public TensorPrimitive adaptiveAvgPool2dBackward(TensorPrimitive input, TensorPrimitive outputGrad) {
        return wrap(inner.adaptiveAvgPool2dBackward(unwrap(input).inner(), unwrap(outputGrad).inner()));
    }

    @Override
    public TensorPrimitive interpolate(TensorPrimitive input, int outHeight, int outWidth, InterpolateMode mode) {
        AutodiffTensor x = unwrap(input);
        return record("interpolate", inner.interpolate(x.inner(), outHeight, outWidth, mode), (saved, needs) -> {
            TensorPrimitive xs = saved.keep(x.inner());
            return g -> grads(inner.interpolateBackward(xs, g, mode));
        }, x);
    }

    @Override
    public TensorPrimitive interpolateBackward(TensorPrimitive input, TensorPrimitive outputGrad, InterpolateMode mode) {
        return wrap(inner.interpolateBackward(unwrap(input).inner(), unwrap(outputGrad).inner(), mode));
    }

    /** Conv gradients as a rule's result: input, weight, bias. Gradients of untracked inputs are released by the backward pass. */
    private static TensorPrimitive[] spread(ConvGradients g) {
        return grads(g.input(), g.weight(), g.bias());
    }

    private ConvGradients wrapAll(ConvGradients g) {
        return new ConvGradients(wrap(g.input()), wrap(g.weight()), g.bias() == null ? null : wrap(g.bias()));
    }
}
