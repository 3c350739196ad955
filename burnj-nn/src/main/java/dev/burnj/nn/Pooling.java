package dev.burnj.nn;

import dev.burnj.backend.PoolOptions;
import java.util.List;

/** Validation and option building shared by the pooling layers' configs. */
final class Pooling {
    private Pooling() {}

    /** Checks a pooling window's sizes against each other (PyTorch allows padding up to half the kernel). */
    static void checkPadding(String layer, List<Integer> kernel, List<Integer> padding) {
        for (int i = 0; i < kernel.size(); i++) {
            if (padding.get(i) * 2 > kernel.get(i)) {
                throw new IllegalArgumentException(layer + ": padding " + padding + " must be at most half the kernel " + kernel);
            }
        }
    }

    static PoolOptions options(List<Integer> kernel, List<Integer> stride, List<Integer> padding, List<Integer> dilation, boolean ceilMode,
            boolean countIncludePad) {
        return new PoolOptions(Sizes.array(kernel), Sizes.array(stride), Sizes.array(padding), Sizes.array(dilation), ceilMode,
                countIncludePad);
    }
}
