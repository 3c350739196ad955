package dev.burnj.backend.nd4j;

import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Slices of views. ND4J 1.0.0-M2's indexing mis-builds some windows of non-contiguous views (the last index of a
 * dimension of a column window, for one), so every window of a permuted or windowed tensor is checked against plain
 * index arithmetic.
 */
class Nd4jViewsTest extends Nd4jTestSupport {
    /** Values of {@code x} ([d0, d1, d2], row-major) permuted by {@code axes}. */
    private static double[] permute(double[] x, int[] dims, int[] axes) {
        int[] out = {dims[axes[0]], dims[axes[1]], dims[axes[2]]};
        double[] y = new double[x.length];
        int n = 0;
        for (int i = 0; i < out[0]; i++) {
            for (int j = 0; j < out[1]; j++) {
                for (int k = 0; k < out[2]; k++) {
                    int[] src = new int[3];
                    src[axes[0]] = i;
                    src[axes[1]] = j;
                    src[axes[2]] = k;
                    y[n++] = x[(src[0] * dims[1] + src[1]) * dims[2] + src[2]];
                }
            }
        }
        return y;
    }

    /** The window {@code [start, start + length)} of every dim of {@code x} ([d0, d1, d2], row-major). */
    private static double[] window(double[] x, int[] dims, int[] start, int[] length) {
        double[] y = new double[length[0] * length[1] * length[2]];
        int n = 0;
        for (int i = 0; i < length[0]; i++) {
            for (int j = 0; j < length[1]; j++) {
                for (int k = 0; k < length[2]; k++) {
                    y[n++] = x[((start[0] + i) * dims[1] + start[1] + j) * dims[2] + start[2] + k];
                }
            }
        }
        return y;
    }

    private static Slice[] slices(int[] start, int[] length) {
        return new Slice[] {Slice.range(start[0], start[0] + length[0]), Slice.range(start[1], start[1] + length[1]),
                Slice.range(start[2], start[2] + length[2])};
    }

    @Test
    void everyWindowOfAWindowOrPermutationHasTheRightValues() {
        Random random = new Random(5);
        int[] dims = {3, 3, 4};
        double[] values = random(6, 36);
        int[][] permutations = {{0, 1, 2}, {1, 0, 2}, {2, 1, 0}, {0, 2, 1}};
        for (int trial = 0; trial < 600; trial++) {
            TensorPrimitive base = f64(values, dims);
            TensorPrimitive view;
            double[] viewValues;
            int[] viewDims = new int[3];
            if (trial % 3 == 0) {
                view = base.retain();
                viewValues = values;
                viewDims = dims.clone();
            } else if (trial % 3 == 1) {
                int[] axes = permutations[trial / 3 % permutations.length];
                view = B.permute(base, axes);
                viewValues = permute(values, dims, axes);
                for (int d = 0; d < 3; d++) {
                    viewDims[d] = dims[axes[d]];
                }
            } else {
                int[] start = new int[3];
                for (int d = 0; d < 3; d++) {
                    viewDims[d] = 1 + random.nextInt(dims[d]);
                    start[d] = random.nextInt(dims[d] - viewDims[d] + 1);
                }
                view = B.slice(base, slices(start, viewDims));
                viewValues = window(values, dims, start, viewDims);
            }
            int[] start = new int[3];
            int[] length = new int[3];
            for (int d = 0; d < 3; d++) {
                length[d] = 1 + random.nextInt(viewDims[d]);
                start[d] = random.nextInt(viewDims[d] - length[d] + 1);
            }
            TensorPrimitive sub = B.slice(view, slices(start, length));
            assertClose(window(viewValues, viewDims, start, length), sub, length);
            // The base is untouched by the views built on it.
            assertClose(values, base, dims);
            release(sub, view, base);
        }
    }

    @Test
    void lastRowOfAColumnWindow() {
        double[] values = random(7, 24);
        TensorPrimitive base = f64(values, 2, 3, 4);
        TensorPrimitive right = B.slice(base, new Slice[] {Slice.range(0, 2), Slice.range(0, 3), Slice.range(2, 4)});
        TensorPrimitive last = B.slice(right, new Slice[] {Slice.range(1, 2), Slice.range(0, 3), Slice.range(0, 2)});
        assertClose(window(values, new int[] {2, 3, 4}, new int[] {1, 0, 2}, new int[] {1, 3, 2}), last, 1, 3, 2);
        release(last, right, base);
    }
}
