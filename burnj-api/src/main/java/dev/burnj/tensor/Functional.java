package dev.burnj.tensor;

import dev.burnj.backend.ConvOptions;
import dev.burnj.backend.ConvTransposeOptions;
import dev.burnj.backend.InterpolateMode;
import dev.burnj.backend.MaxPoolResult;
import dev.burnj.backend.PoolOptions;
import dev.burnj.backend.TensorPrimitive;

/**
 * Neural-network ops as functions on tensors (PyTorch's {@code torch.nn.functional}, Burn's module ops): the
 * layers call these, and so can user code. Shapes are checked here; messages name the op and the shapes.
 */
public final class Functional {
    private Functional() {}

    /**
     * Per-sample cross-entropy of logits {@code [N, C]} against class indices {@code [N]}, each in {@code [0, C)}:
     * {@code logSumExp(x_i) - x_i[y_i]}, {@code [N]}. Losses with class weights, ignored samples or label smoothing
     * build on it in {@code dev.burnj.nn.loss.CrossEntropyLoss}.
     */
    public static Tensor1 crossEntropy(Tensor2 logits, IntTensor1 targets) {
        Shape x = logits.shape();
        if (targets.shape().dim(0) != x.dim(0)) {
            throw new IllegalArgumentException("crossEntropy: logits " + x + " and targets " + targets.shape() + " differ in batch size");
        }
        OpChecks.sameDevice("crossEntropy", logits.primitive(), targets.primitive());
        return Rank.R1.floatTensor(logits.backend().crossEntropy(logits.primitive(), targets.primitive()));
    }

    /**
     * A linear layer, {@code input x weight^T + bias}: {@code input [N, in]}, {@code weight [out, in]} (PyTorch's
     * layout), {@code bias [out]} or null.
     */
    public static Tensor2 linear(Tensor2 input, Tensor2 weight, Tensor1 bias) {
        Shape x = input.shape();
        Shape w = weight.shape();
        if (x.dim(1) != w.dim(1)) {
            throw new IllegalArgumentException("linear: input " + x + " has " + x.dim(1) + " features but weight " + w + " expects " + w.dim(1));
        }
        OpChecks.sameDevice("linear", input.primitive(), weight.primitive());
        if (input.dtype() != weight.dtype() || bias != null && bias.dtype() != input.dtype()) {
            throw new IllegalArgumentException("linear: input " + input.dtype() + ", weight " + weight.dtype()
                    + (bias == null ? "" : " and bias " + bias.dtype()) + " must share one dtype");
        }
        checkBias("linear", bias, w.dim(0), input);
        return Rank.R2.floatTensor(input.backend().linear(input.primitive(), weight.primitive(), primitiveOrNull(bias)));
    }

    /** 2-D convolution of {@code [N, C, H, W]} by {@code [O, C/groups, kH, kW]}; {@code bias} ({@code [O]}) may be null. */
    public static Tensor4 conv2d(Tensor4 input, Tensor4 weight, Tensor1 bias, ConvOptions options) {
        checkConv("conv2d", input.shape(), weight.shape(), weight.dim(0), weight.dim(1), options.groups(), 2, options.stride().length);
        checkBias("conv2d", bias, weight.dim(0), input);
        checkOutput("conv2d", input.shape(), weight.shape(), options);
        return Rank.R4.floatTensor(input.backend().conv2d(input.primitive(), weight.primitive(), primitiveOrNull(bias), options));
    }

    /** 1-D convolution of {@code [N, C, L]} by {@code [O, C/groups, K]}. */
    public static Tensor3 conv1d(Tensor3 input, Tensor3 weight, Tensor1 bias, ConvOptions options) {
        checkConv("conv1d", input.shape(), weight.shape(), weight.dim(0), weight.dim(1), options.groups(), 1, options.stride().length);
        checkBias("conv1d", bias, weight.dim(0), input);
        checkOutput("conv1d", input.shape(), weight.shape(), options);
        return Rank.R3.floatTensor(input.backend().conv1d(input.primitive(), weight.primitive(), primitiveOrNull(bias), options));
    }

    /** 2-D transposed convolution of {@code [N, C, H, W]} by {@code [C, O/groups, kH, kW]}. */
    public static Tensor4 convTranspose2d(Tensor4 input, Tensor4 weight, Tensor1 bias, ConvTransposeOptions options) {
        Shape x = input.shape();
        Shape w = weight.shape();
        if (options.stride().length != 2) {
            throw new IllegalArgumentException("convTranspose2d: options have " + options.stride().length + " spatial dims, expected 2");
        }
        if (x.dim(1) != w.dim(0) || w.dim(0) % options.groups() != 0) {
            throw new IllegalArgumentException("convTranspose2d: input " + x + " has " + x.dim(1) + " channels but weight " + w
                    + " expects " + w.dim(0) + " (groups " + options.groups() + ")");
        }
        checkBias("convTranspose2d", bias, w.dim(1) * options.groups(), input);
        return Rank.R4.floatTensor(input.backend().convTranspose2d(input.primitive(), weight.primitive(), primitiveOrNull(bias), options));
    }

    /** 2-D max pooling. */
    public static Tensor4 maxPool2d(Tensor4 input, PoolOptions options) {
        checkPool("maxPool2d", input.shape(), options, 2);
        MaxPoolResult r = input.backend().maxPool2dWithIndices(input.primitive(), options);
        r.indices().release();
        return Rank.R4.floatTensor(r.values());
    }

    /** 2-D max pooling with the flat in-plane index of each maximum (for unpooling). */
    public static ValuesAndIndices<Tensor4, IntTensor4> maxPool2dWithIndices(Tensor4 input, PoolOptions options) {
        checkPool("maxPool2d", input.shape(), options, 2);
        MaxPoolResult r = input.backend().maxPool2dWithIndices(input.primitive(), options);
        return new ValuesAndIndices<>(Rank.R4.floatTensor(r.values()), Rank.R4.intTensor(r.indices()));
    }

    /** 1-D max pooling of {@code [N, C, L]}. */
    public static Tensor3 maxPool1d(Tensor3 input, PoolOptions options) {
        checkPool("maxPool1d", input.shape(), options, 1);
        MaxPoolResult r = input.backend().maxPool1dWithIndices(input.primitive(), options);
        r.indices().release();
        return Rank.R3.floatTensor(r.values());
    }

    public static Tensor4 avgPool2d(Tensor4 input, PoolOptions options) {
        checkPool("avgPool2d", input.shape(), options, 2);
        return Rank.R4.floatTensor(input.backend().avgPool2d(input.primitive(), options));
    }

    public static Tensor3 avgPool1d(Tensor3 input, PoolOptions options) {
        checkPool("avgPool1d", input.shape(), options, 1);
        return Rank.R3.floatTensor(input.backend().avgPool1d(input.primitive(), options));
    }

    /** Average pooling to a fixed {@code outHeight x outWidth}. */
    public static Tensor4 adaptiveAvgPool2d(Tensor4 input, int outHeight, int outWidth) {
        if (outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("adaptiveAvgPool2d: output size " + outHeight + "x" + outWidth + " must be positive");
        }
        return Rank.R4.floatTensor(input.backend().adaptiveAvgPool2d(input.primitive(), outHeight, outWidth));
    }

    /** Resizes the spatial dims of {@code [N, C, H, W]} to {@code outHeight x outWidth}. */
    public static Tensor4 interpolate(Tensor4 input, int outHeight, int outWidth, InterpolateMode mode) {
        if (outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("interpolate: output size " + outHeight + "x" + outWidth + " must be positive");
        }
        return Rank.R4.floatTensor(input.backend().interpolate(input.primitive(), outHeight, outWidth, mode));
    }

    /** Rows of {@code weight} ({@code [vocab, dim]}) for {@code indices} ({@code [batch, seq]}): {@code [batch, seq, dim]}. */
    public static Tensor3 embedding(Tensor2 weight, IntTensor2 indices) {
        OpChecks.sameDevice("embedding", weight.primitive(), indices.primitive());
        return Rank.R3.floatTensor(weight.backend().embedding(weight.primitive(), indices.primitive()));
    }

    private static void checkConv(String op, Shape x, Shape w, int out, int inPerGroup, int groups, int spatial, int optionDims) {
        if (optionDims != spatial) {
            throw new IllegalArgumentException(op + ": options have " + optionDims + " spatial dims, expected " + spatial);
        }
        if (x.dim(1) != inPerGroup * groups) {
            throw new IllegalArgumentException(op + ": input " + x + " has " + x.dim(1) + " channels but weight " + w + " expects "
                    + inPerGroup + " x " + groups + " group(s) = " + inPerGroup * groups);
        }
        if (out % groups != 0) {
            throw new IllegalArgumentException(op + ": weight " + w + " has " + out + " output channels, not divisible by " + groups + " groups");
        }
    }

    private static void checkOutput(String op, Shape x, Shape w, ConvOptions options) {
        for (int i = 0; i < options.stride().length; i++) {
            int in = x.dim(2 + i);
            if (options.outputSize(i, in, w.dim(2 + i)) < 1) {
                throw new IllegalArgumentException(op + ": input " + x + " is too small for kernel " + w + " with " + options);
            }
        }
    }

    private static void checkPool(String op, Shape x, PoolOptions options, int spatial) {
        if (options.kernel().length != spatial) {
            throw new IllegalArgumentException(op + ": options have " + options.kernel().length + " spatial dims, expected " + spatial);
        }
        for (int i = 0; i < spatial; i++) {
            if (options.outputSize(i, x.dim(2 + i)) < 1) {
                throw new IllegalArgumentException(op + ": input " + x + " is too small for " + options);
            }
        }
    }

    private static void checkBias(String op, Tensor1 bias, int channels, BaseTensor<?, ?, ?, ?> input) {
        if (bias == null) {
            return;
        }
        if (bias.dim(0) != channels) {
            throw new IllegalArgumentException(op + ": bias " + bias.shape() + " must have " + channels + " elements");
        }
        OpChecks.sameDevice(op, input.primitive(), bias.primitive());
    }

    private static TensorPrimitive primitiveOrNull(Tensor1 bias) {
        return bias == null ? null : bias.primitive();
    }
}
