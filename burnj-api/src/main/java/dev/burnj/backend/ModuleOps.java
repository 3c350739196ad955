package dev.burnj.backend;

import dev.burnj.tensor.Shape;

/**
 * Neural-network ops (Burn's ModuleOps): linear layers, convolutions, pooling, interpolation, embedding lookups and the
 * cross-entropy of logits, with the
 * backward kernels the autodiff decorator calls. Tensors are channels-first: {@code [N, C, H, W]} for 2-D and
 * {@code [N, C, L]} for 1-D; conv weights are {@code [out, in/groups, kH, kW]} and transposed-conv weights
 * {@code [in, out/groups, kH, kW]}, as in PyTorch. The 1-D ops default to the 2-D ones with a unit height.
 */
public interface ModuleOps extends FloatOps {
    /** 2-D convolution; {@code bias} ({@code [out]}) may be null. */
    TensorPrimitive conv2d(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, ConvOptions options);

    /** Gradients of {@link #conv2d} given the output gradient; the bias gradient is null when there is no bias. */
    ConvGradients conv2dBackward(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, TensorPrimitive outputGrad,
            ConvOptions options);

    /** 2-D transposed convolution; {@code bias} may be null. */
    TensorPrimitive convTranspose2d(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, ConvTransposeOptions options);

    ConvGradients convTranspose2dBackward(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias,
            TensorPrimitive outputGrad, ConvTransposeOptions options);

    /** 2-D max pooling with the argmax indices needed for backward. */
    MaxPoolResult maxPool2dWithIndices(TensorPrimitive input, PoolOptions options);

    /** Routes {@code outputGrad} back to the positions in {@code indices}; gradient of the input. */
    TensorPrimitive maxPool2dBackward(TensorPrimitive input, PoolOptions options, TensorPrimitive outputGrad, TensorPrimitive indices);

    TensorPrimitive avgPool2d(TensorPrimitive input, PoolOptions options);

    TensorPrimitive avgPool2dBackward(TensorPrimitive input, PoolOptions options, TensorPrimitive outputGrad);

    /** Average pooling to a fixed output size, PyTorch's window rule ({@code floor(i*in/out)} to {@code ceil((i+1)*in/out)}). */
    TensorPrimitive adaptiveAvgPool2d(TensorPrimitive input, int outHeight, int outWidth);

    TensorPrimitive adaptiveAvgPool2dBackward(TensorPrimitive input, TensorPrimitive outputGrad);

    /** Resizes the two spatial dims to {@code outHeight x outWidth} (PyTorch, {@code align_corners=false}). */
    TensorPrimitive interpolate(TensorPrimitive input, int outHeight, int outWidth, InterpolateMode mode);

    TensorPrimitive interpolateBackward(TensorPrimitive input, TensorPrimitive outputGrad, InterpolateMode mode);

    /** 1-D convolution of {@code [N, C, L]} by {@code [out, in/groups, K]}. */
    default TensorPrimitive conv1d(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, ConvOptions options) {
        TensorPrimitive x = unitHeight(input);
        TensorPrimitive w = unitHeight(weight);
        try {
            TensorPrimitive y = conv2d(x, w, bias, Lift.conv(options));
            return dropHeight(y);
        } finally {
            x.release();
            w.release();
        }
    }

    default MaxPoolResult maxPool1dWithIndices(TensorPrimitive input, PoolOptions options) {
        TensorPrimitive x = unitHeight(input);
        try {
            MaxPoolResult r = maxPool2dWithIndices(x, Lift.pool(options));
            return new MaxPoolResult(dropHeight(r.values()), dropHeight(r.indices()));
        } finally {
            x.release();
        }
    }

    default TensorPrimitive avgPool1d(TensorPrimitive input, PoolOptions options) {
        TensorPrimitive x = unitHeight(input);
        try {
            return dropHeight(avgPool2d(x, Lift.pool(options)));
        } finally {
            x.release();
        }
    }

    /**
     * A linear layer: {@code input x weight^T + bias} for {@code input [n, in]}, {@code weight [out, in]} (PyTorch's
     * layout) and {@code bias [out]}, which may be null. The default composes a transposed view, a matmul and a
     * broadcast add; a backend may fuse the bias into the product (PyTorch's {@code addmm}).
     */
    default TensorPrimitive linear(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias) {
        TensorPrimitive transposed = permute(weight, new int[] {1, 0});
        TensorPrimitive product;
        try {
            product = matmul(input, transposed);
        } finally {
            transposed.release();
        }
        if (bias == null) {
            return product;
        }
        TensorPrimitive row = reshape(bias, Shape.of(1, bias.shape().dim(0)));
        try {
            return add(product, row);
        } finally {
            row.release();
            product.release();
        }
    }

    /**
     * Per-sample cross-entropy of logits {@code [n, c]} against class indices {@code [n]} (an integer tensor, each in
     * {@code [0, c)}): {@code logSumExp(x_i) - x_i[y_i]}, {@code [n]}. The default composes logSumExp, gather and sub;
     * a backend may fuse them.
     */
    default TensorPrimitive crossEntropy(TensorPrimitive logits, TensorPrimitive targets) {
        int n = logits.shape().dim(0);
        int classes = logits.shape().dim(1);
        // Checked on the host, as PyTorch does: not every backend's gather rejects an index out of range.
        long[] y = toData(targets).toLongs();
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("crossEntropy: target " + y[i] + " at position " + i + " is out of range for " + classes
                        + " classes");
            }
        }
        TensorPrimitive lse = logSumExp(logits, 1);
        TensorPrimitive column = reshape(targets, Shape.of(n, 1));
        TensorPrimitive picked;
        try {
            picked = gather(logits, 1, column);
        } catch (RuntimeException | Error e) {
            lse.release();
            throw e;
        } finally {
            column.release();
        }
        TensorPrimitive diff;
        try {
            diff = sub(lse, picked);
        } finally {
            lse.release();
            picked.release();
        }
        try {
            return reshape(diff, Shape.of(n));
        } finally {
            diff.release();
        }
    }

    /**
     * The logits' gradient of {@link #crossEntropy} for the per-sample output gradient {@code grad} ({@code [n]}):
     * {@code (softmax(x_i) - onehot(y_i)) * grad_i}, {@code [n, c]}, the softmax as {@code exp(x - logSumExp(x))}.
     */
    default TensorPrimitive crossEntropyBackward(TensorPrimitive logits, TensorPrimitive targets, TensorPrimitive grad) {
        Shape s = logits.shape();
        int n = s.dim(0);
        TensorPrimitive lse = logSumExp(logits, 1);
        TensorPrimitive shifted;
        try {
            shifted = sub(logits, lse);
        } finally {
            lse.release();
        }
        TensorPrimitive p;
        try {
            p = exp(shifted);
        } finally {
            shifted.release();
        }
        TensorPrimitive column = reshape(targets, Shape.of(n, 1));
        TensorPrimitive ones = full(Shape.of(n, 1), 1.0, logits.dtype(), logits.device());
        TensorPrimitive zeros = full(s, 0.0, logits.dtype(), logits.device());
        TensorPrimitive onehot;
        try {
            onehot = scatter(zeros, 1, column, ones, false);
        } finally {
            zeros.release();
            ones.release();
            column.release();
        }
        TensorPrimitive d;
        try {
            d = sub(p, onehot);
        } finally {
            p.release();
            onehot.release();
        }
        TensorPrimitive g = reshape(grad, Shape.of(n, 1));
        try {
            return mul(d, g);
        } finally {
            g.release();
            d.release();
        }
    }

    /** Rows of {@code weight} ({@code [vocab, dim]}) for each index of {@code indices} ({@code [batch, seq]}): {@code [batch, seq, dim]}. */
    default TensorPrimitive embedding(TensorPrimitive weight, TensorPrimitive indices) {
        Shape idx = indices.shape();
        TensorPrimitive flat = reshape(indices, Shape.of((int) idx.numel()));
        TensorPrimitive rows = indexSelect(weight, 0, flat);
        flat.release();
        try {
            return reshape(rows, Shape.of(idx.dim(0), idx.dim(1), weight.shape().dim(1)));
        } finally {
            rows.release();
        }
    }

    private TensorPrimitive unitHeight(TensorPrimitive t) {
        Shape s = t.shape();
        return reshape(t, Shape.of(s.dim(0), s.dim(1), 1, s.dim(2)));
    }

    /** Reshapes {@code [a, b, 1, c]} to {@code [a, b, c]} and releases the 4-D input. */
    private TensorPrimitive dropHeight(TensorPrimitive t) {
        Shape s = t.shape();
        try {
            return reshape(t, Shape.of(s.dim(0), s.dim(1), s.dim(3)));
        } finally {
            t.release();
        }
    }

    /** Lifts 1-D options to 2-D ones with a unit height. */
    final class Lift {
        private Lift() {}

        static ConvOptions conv(ConvOptions o) {
            return new ConvOptions(new int[] {1, o.stride()[0]}, new int[] {0, o.padding()[0]}, new int[] {1, o.dilation()[0]}, o.groups());
        }

        static PoolOptions pool(PoolOptions o) {
            return new PoolOptions(new int[] {1, o.kernel()[0]}, new int[] {1, o.stride()[0]}, new int[] {0, o.padding()[0]},
                    new int[] {1, o.dilation()[0]}, o.ceilMode(), o.countIncludePad());
        }
    }
}
