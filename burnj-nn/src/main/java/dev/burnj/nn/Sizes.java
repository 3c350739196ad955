package dev.burnj.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Checks and conversions for the per-spatial-dim sizes (kernel, stride, padding...) of layer configs. */
final class Sizes {
    private Sizes() {}

    /** {@code value} repeated for {@code dims} spatial dims. */
    static List<Integer> repeat(int value, int dims) {
        return Collections.nCopies(dims, value);
    }

    /** An immutable copy of {@code sizes}, checked to have {@code dims} entries of at least {@code min}. */
    static List<Integer> check(String layer, String name, List<Integer> sizes, int dims, int min) {
        if (sizes == null || sizes.size() != dims) {
            throw new IllegalArgumentException(layer + ": " + name + " " + sizes + " must have " + dims + " entr" + (dims == 1 ? "y" : "ies"));
        }
        for (Integer s : sizes) {
            if (s == null || s < min) {
                throw new IllegalArgumentException(layer + ": " + name + " " + sizes + " must be >= " + min);
            }
        }
        return List.copyOf(sizes);
    }

    static void positive(String layer, String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(layer + ": " + name + " must be >= 1, got " + value);
        }
    }

    static int[] array(List<Integer> sizes) {
        int[] out = new int[sizes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = sizes.get(i);
        }
        return out;
    }

    /** The dims of a weight: {@code first}, {@code second}, then the kernel sizes. */
    static int[] weightDims(int first, int second, List<Integer> kernel) {
        List<Integer> dims = new ArrayList<>();
        dims.add(first);
        dims.add(second);
        dims.addAll(kernel);
        return array(dims);
    }
}
