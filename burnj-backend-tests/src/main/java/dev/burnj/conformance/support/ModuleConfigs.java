package dev.burnj.conformance.support;

import static dev.burnj.conformance.support.Data.shape;

import dev.burnj.backend.ConvOptions;
import dev.burnj.backend.ConvTransposeOptions;
import dev.burnj.backend.PoolOptions;
import dev.burnj.tensor.Shape;
import java.util.List;

/**
 * The convolution and pooling configurations shared by the forward and gradient tests: tiny images that still
 * reach every option (stride, padding, dilation, groups, output padding, ceil mode, count-include-pad).
 */
public final class ModuleConfigs {
    private ModuleConfigs() {}

    /** A convolution: input and weight shapes, options, and whether there is a bias. */
    public record Conv(Shape input, Shape weight, ConvOptions options, boolean bias) {
        public int outChannels() {
            return weight.dim(0);
        }

        @Override
        public String toString() {
            return "x " + input + " w " + weight + (bias ? " +bias" : "") + " " + options;
        }
    }

    /** A transposed convolution. */
    public record ConvT(Shape input, Shape weight, ConvTransposeOptions options, boolean bias) {
        public int outChannels() {
            return weight.dim(1) * options.groups();
        }

        @Override
        public String toString() {
            return "x " + input + " w " + weight + (bias ? " +bias" : "") + " " + options;
        }
    }

    /** A pooling window over an input. */
    public record Pool(Shape input, PoolOptions options) {
        @Override
        public String toString() {
            return input + " " + options;
        }
    }

    private static int[] two(int a, int b) {
        return new int[] {a, b};
    }

    private static ConvOptions conv(int[] stride, int[] padding, int[] dilation, int groups) {
        return new ConvOptions(stride, padding, dilation, groups);
    }

    private static ConvTransposeOptions convT(int[] stride, int[] padding, int[] outputPadding, int[] dilation, int groups) {
        return new ConvTransposeOptions(stride, padding, outputPadding, dilation, groups);
    }

    private static PoolOptions pool(int[] k, int[] s, int[] p, int[] d, boolean ceil, boolean includePad) {
        return new PoolOptions(k, s, p, d, ceil, includePad);
    }

    public static final List<Conv> CONVS = List.of(
            new Conv(shape(1, 2, 5, 5), shape(3, 2, 3, 3), ConvOptions.defaults(2), true),
            new Conv(shape(2, 2, 6, 5), shape(2, 2, 3, 3), conv(two(2, 2), two(1, 1), two(1, 1), 1), false),
            new Conv(shape(1, 1, 7, 7), shape(2, 1, 3, 3), conv(two(1, 1), two(2, 2), two(2, 2), 1), true),
            new Conv(shape(1, 4, 5, 5), shape(4, 2, 3, 3), conv(two(2, 1), two(0, 1), two(1, 1), 2), true),
            new Conv(shape(1, 3, 4, 5), shape(3, 1, 2, 2), conv(two(1, 1), two(0, 1), two(1, 2), 3), false),
            new Conv(shape(1, 3, 4, 4), shape(2, 3, 1, 2), conv(two(1, 2), two(1, 0), two(1, 1), 1), true),
            new Conv(shape(2, 3, 3, 3), shape(4, 3, 1, 1), ConvOptions.defaults(2), true));

    public static final List<ConvT> CONV_TRANSPOSES = List.of(
            new ConvT(shape(1, 2, 3, 3), shape(2, 3, 3, 3), ConvTransposeOptions.defaults(2), true),
            new ConvT(shape(1, 2, 3, 4), shape(2, 2, 3, 3), convT(two(2, 2), two(1, 1), two(1, 1), two(1, 1), 1), false),
            new ConvT(shape(1, 4, 3, 3), shape(4, 1, 2, 2), convT(two(2, 2), two(0, 0), two(0, 0), two(1, 1), 2), true),
            new ConvT(shape(1, 1, 3, 3), shape(1, 2, 2, 3), convT(two(2, 1), two(0, 1), two(1, 0), two(2, 2), 1), true),
            new ConvT(shape(2, 2, 2, 3), shape(2, 2, 2, 2), convT(two(3, 2), two(1, 0), two(2, 1), two(1, 1), 2), false));

    public static final List<Pool> MAX_POOLS = List.of(
            new Pool(shape(1, 2, 4, 4), PoolOptions.of(2, 2)),
            new Pool(shape(2, 1, 5, 6), pool(two(3, 3), two(2, 2), two(1, 1), two(1, 1), false, true)),
            new Pool(shape(1, 2, 7, 6), pool(two(3, 2), two(1, 2), two(1, 1), two(2, 2), false, true)),
            new Pool(shape(1, 1, 5, 5), pool(two(2, 2), two(2, 2), two(0, 0), two(1, 1), true, true)),
            new Pool(shape(1, 1, 6, 7), pool(two(3, 3), two(2, 2), two(1, 1), two(1, 1), true, true)),
            new Pool(shape(1, 2, 4, 5), pool(two(2, 3), two(1, 2), two(1, 1), two(1, 1), false, true)));

    /** Dilation stays 1 for average pooling: PyTorch's avg_pool2d has none, so there is no reference meaning to check. */
    public static final List<Pool> AVG_POOLS = List.of(
            new Pool(shape(1, 2, 4, 4), PoolOptions.of(2, 2)),
            new Pool(shape(2, 1, 5, 6), pool(two(3, 3), two(2, 2), two(1, 1), two(1, 1), false, true)),
            new Pool(shape(2, 1, 5, 6), pool(two(3, 3), two(2, 2), two(1, 1), two(1, 1), false, false)),
            new Pool(shape(1, 1, 5, 5), pool(two(2, 2), two(2, 2), two(0, 0), two(1, 1), true, true)),
            new Pool(shape(1, 1, 6, 7), pool(two(3, 3), two(2, 2), two(1, 1), two(1, 1), true, true)),
            new Pool(shape(1, 1, 6, 7), pool(two(3, 3), two(2, 2), two(1, 1), two(1, 1), true, false)),
            new Pool(shape(1, 2, 4, 5), pool(two(2, 3), two(1, 2), two(1, 1), two(1, 1), false, false)));

    /** 1-D pooling windows over {@code [2, 2, 9]}. */
    public static final List<PoolOptions> POOLS_1D = List.of(
            PoolOptions.of(1, 2),
            new PoolOptions(new int[] {3}, new int[] {2}, new int[] {1}, new int[] {1}, false, true),
            new PoolOptions(new int[] {3}, new int[] {2}, new int[] {1}, new int[] {1}, true, false));

    /** A dilated 1-D max pooling window. */
    public static final PoolOptions DILATED_1D = new PoolOptions(new int[] {2}, new int[] {1}, new int[] {1}, new int[] {3}, false, true);

    /** Adaptive pooling of a {@code [1, 2, 5, 7]} input to these sizes: down, up (overlapping windows), same, global. */
    public static final Shape ADAPTIVE_INPUT = shape(1, 2, 5, 7);
    public static final int[][] ADAPTIVE_SIZES = {{2, 3}, {3, 3}, {5, 7}, {7, 9}, {1, 1}, {4, 2}};

    /** Interpolation of a {@code [1, 2, 3, 4]} input to these sizes. */
    public static final Shape INTERPOLATE_INPUT = shape(1, 2, 3, 4);
    public static final int[][] INTERPOLATE_SIZES = {{5, 7}, {6, 8}, {2, 3}, {3, 4}, {1, 1}, {4, 2}};
}
