package dev.burnj.backend.nd4j;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * When libnd4j may hand a kernel to its oneDNN helpers (the {@code -onednn} natives; with the plain natives this is
 * a no-op). Dilated convolutions run on libnd4j's own kernels: its oneDNN glue rejects many of them ("could not
 * create a descriptor for a dilated convolution forward propagation primitive").
 */
final class OneDnn {
    private OneDnn() {}

    /** Runs {@code kernel}, a convolution with {@code dilation}, where it can run. */
    static void convolution(int[] dilation, Runnable kernel) {
        boolean dilated = false;
        for (int d : dilation) {
            dilated |= d != 1;
        }
        if (!dilated) {
            kernel.run();
            return;
        }
        Environment env = Nd4j.getEnvironment();
        boolean allowed = env.helpersAllowed();
        env.allowHelpers(false);
        try {
            kernel.run();
        } finally {
            env.allowHelpers(allowed);
        }
    }
}
