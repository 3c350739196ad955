package dev.burnj.backend.cpu;

import dev.burnj.backend.ConvGradients;
import dev.burnj.backend.ConvOptions;
import dev.burnj.backend.ConvTransposeOptions;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import java.util.Arrays;

/**
 * 2-D convolutions and transposed convolutions with their gradients. Each op is one or two of the three passes of a
 * convolution problem ({@link ConvGeometry}): forward, backward data and backward weights. A transposed convolution is
 * the backward-data pass of the convolution it transposes, and its gradients are that convolution's forward and
 * backward-weights passes. F32 runs on oneDNN ({@link ConvDnnl}); F64, and anything oneDNN declines, on the Java
 * loops ({@link ConvLoops}). Strided inputs are made dense first; results are dense.
 */
final class Convolutions {
    private final Transfers transfers;
    private final ConvDnnl dnnl = new ConvDnnl();

    Convolutions(Transfers transfers) {
        this.transfers = transfers;
    }

    CpuTensor conv2d(CpuTensor input, CpuTensor weight, CpuTensor bias, ConvOptions options) {
        ConvGeometry g = ConvGeometry.of(input.dims(), weight.dims(), options);
        check("conv2d", input, weight, bias, g.outC());
        return produce(input, weight, bias, Shape.of(g.n(), g.outC(), g.outH(), g.outW()), (x, w, b, out) -> forward(g, x, w, b, out));
    }

    ConvGradients conv2dBackward(CpuTensor input, CpuTensor weight, CpuTensor bias, CpuTensor outputGrad, ConvOptions options) {
        ConvGeometry g = ConvGeometry.of(input.dims(), weight.dims(), options);
        check("conv2dBackward", input, weight, bias, g.outC());
        checkGrad("conv2dBackward", outputGrad, input.dtype(), g.dstDims());
        return gradients(input, weight, bias, outputGrad, (x, w, dy, gx, gw, gb) -> backward(g, x, w, dy, gx, gw, gb));
    }

    CpuTensor convTranspose2d(CpuTensor input, CpuTensor weight, CpuTensor bias, ConvTransposeOptions options) {
        ConvGeometry g = ConvGeometry.ofTransposed(input.dims(), weight.dims(), options);
        check("convTranspose2d", input, weight, bias, g.inC());
        return produce(input, weight, bias, Shape.of(g.n(), g.inC(), g.inH(), g.inW()), (x, w, b, out) -> {
            backwardData(g, x, w, out);
            if (b != null) {
                ConvBias.add(out, b);
            }
        });
    }

    ConvGradients convTranspose2dBackward(CpuTensor input, CpuTensor weight, CpuTensor bias, CpuTensor outputGrad,
            ConvTransposeOptions options) {
        ConvGeometry g = ConvGeometry.ofTransposed(input.dims(), weight.dims(), options);
        check("convTranspose2dBackward", input, weight, bias, g.inC());
        checkGrad("convTranspose2dBackward", outputGrad, input.dtype(), g.srcDims());
        return gradients(input, weight, bias, outputGrad, (x, w, dy, gx, gw, gb) -> {
            forwardAndWeights(g, dy, w, x, gx, gw);
            if (gb != null) {
                ConvBias.gradient(dy, gb);
            }
        });
    }

    /** A forward-shaped pass: dense inputs in, one fresh output of {@code shape} out. */
    private interface Produce {
        void run(CpuTensor x, CpuTensor w, CpuTensor b, CpuTensor out);
    }

    /** A gradient-shaped pass: dense input, weight and output gradient in, fresh input, weight and bias gradients out. */
    private interface Gradients {
        void run(CpuTensor x, CpuTensor w, CpuTensor dy, CpuTensor gx, CpuTensor gw, CpuTensor gb);
    }

    /** Makes the operands dense, runs {@code pass} into a fresh output, and releases every temporary, also on failure. */
    private CpuTensor produce(CpuTensor input, CpuTensor weight, CpuTensor bias, Shape shape, Produce pass) {
        CpuTensor x = null;
        CpuTensor w = null;
        CpuTensor b = null;
        CpuTensor out = null;
        try {
            x = transfers.contiguous(input);
            w = transfers.contiguous(weight);
            b = bias == null ? null : transfers.contiguous(bias);
            out = input.allocateLike(shape, input.dtype());
            pass.run(x, w, b, out);
            CpuTensor result = out;
            out = null;
            return result;
        } finally {
            release(x, w, b, out);
        }
    }

    /** As {@link #produce}, for the passes that return the three gradients (the bias one only when there is a bias). */
    private ConvGradients gradients(CpuTensor input, CpuTensor weight, CpuTensor bias, CpuTensor outputGrad, Gradients pass) {
        CpuTensor x = null;
        CpuTensor w = null;
        CpuTensor dy = null;
        CpuTensor gx = null;
        CpuTensor gw = null;
        CpuTensor gb = null;
        try {
            x = transfers.contiguous(input);
            w = transfers.contiguous(weight);
            dy = transfers.contiguous(outputGrad);
            gx = input.allocateLike(input.shape(), input.dtype());
            gw = input.allocateLike(weight.shape(), input.dtype());
            gb = bias == null ? null : input.allocateLike(bias.shape(), input.dtype());
            pass.run(x, w, dy, gx, gw, gb);
            ConvGradients result = new ConvGradients(gx, gw, gb);
            gx = gw = gb = null;
            return result;
        } finally {
            release(x, w, dy, gx, gw, gb);
        }
    }

    /** Whether oneDNN runs this plan (for tests: the F32 path they compare against the Java one). */
    boolean onDnnl(ConvGeometry g, ConvDnnl.Plan plan) {
        return dnnl.supports(g, plan);
    }

    private void forward(ConvGeometry g, CpuTensor src, CpuTensor weight, CpuTensor bias, CpuTensor dst) {
        if (src.dtype() == DType.F32 && dnnl.forward(g, src.address(), weight.address(), bias == null ? 0 : bias.address(), dst.address())) {
            return;
        }
        javaForward(g, src, weight, bias, dst);
    }

    private void backwardData(ConvGeometry g, CpuTensor diffDst, CpuTensor weight, CpuTensor diffSrc) {
        if (diffDst.dtype() == DType.F32 && dnnl.backwardData(g, diffDst.address(), weight.address(), diffSrc.address())) {
            return;
        }
        javaBackwardData(g, diffDst, weight, diffSrc);
    }

    /** Backward data and backward weights, and the bias gradient when {@code diffBias} is not null. */
    private void backward(ConvGeometry g, CpuTensor src, CpuTensor weight, CpuTensor diffDst, CpuTensor diffSrc, CpuTensor diffWeights,
            CpuTensor diffBias) {
        if (src.dtype() == DType.F32 && dnnl.backward(g, src.address(), weight.address(), diffDst.address(), diffSrc.address(),
                diffWeights.address(), diffBias == null ? 0 : diffBias.address())) {
            return;
        }
        javaBackwardData(g, diffDst, weight, diffSrc);
        javaBackwardWeights(g, src, diffDst, diffWeights);
        if (diffBias != null) {
            ConvBias.gradient(diffDst, diffBias);
        }
    }

    /** Forward into {@code dst} and backward weights. */
    private void forwardAndWeights(ConvGeometry g, CpuTensor src, CpuTensor weight, CpuTensor diffDst, CpuTensor dst, CpuTensor diffWeights) {
        if (src.dtype() == DType.F32
                && dnnl.forwardAndWeights(g, src.address(), weight.address(), diffDst.address(), dst.address(), diffWeights.address())) {
            return;
        }
        javaForward(g, src, weight, null, dst);
        javaBackwardWeights(g, src, diffDst, diffWeights);
    }

    private static void javaForward(ConvGeometry g, CpuTensor src, CpuTensor weight, CpuTensor bias, CpuTensor dst) {
        double[] out = new double[Math.toIntExact(dst.numel())];
        ConvLoops.forward(g, ConvLoops.read(src), ConvLoops.read(weight), bias == null ? null : ConvLoops.read(bias), out);
        ConvLoops.write(out, dst);
    }

    private static void javaBackwardData(ConvGeometry g, CpuTensor diffDst, CpuTensor weight, CpuTensor diffSrc) {
        double[] out = new double[Math.toIntExact(diffSrc.numel())];
        ConvLoops.backwardData(g, ConvLoops.read(diffDst), ConvLoops.read(weight), out);
        ConvLoops.write(out, diffSrc);
    }

    private static void javaBackwardWeights(ConvGeometry g, CpuTensor src, CpuTensor diffDst, CpuTensor diffWeights) {
        double[] out = new double[Math.toIntExact(diffWeights.numel())];
        ConvLoops.backwardWeights(g, ConvLoops.read(src), ConvLoops.read(diffDst), out);
        ConvLoops.write(out, diffWeights);
    }

    private static void check(String op, CpuTensor input, CpuTensor weight, CpuTensor bias, int channels) {
        if (weight.dtype() != input.dtype() || bias != null && bias.dtype() != input.dtype()) {
            throw new IllegalArgumentException("cpu " + op + ": input " + input.dtype() + ", weight " + weight.dtype()
                    + (bias == null ? "" : " and bias " + bias.dtype()) + " must share one dtype");
        }
        if (bias != null && (bias.dims().length != 1 || bias.dims()[0] != channels)) {
            throw new IllegalArgumentException("cpu " + op + ": bias " + bias.shape() + " must be [" + channels + "]");
        }
    }

    private static void checkGrad(String op, CpuTensor grad, DType dtype, long[] dims) {
        long[] actual = Arrays.stream(grad.dims()).asLongStream().toArray();
        if (grad.dtype() != dtype || !Arrays.equals(actual, dims)) {
            throw new IllegalArgumentException("cpu " + op + ": output gradient " + grad.shape() + " " + grad.dtype() + " must be "
                    + Arrays.toString(dims) + " " + dtype);
        }
    }

    private static void release(CpuTensor... tensors) {
        for (CpuTensor t : tensors) {
            if (t != null) {
                t.release();
            }
        }
    }
}
