package dev.burnj.backend.nd4j;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which kernels libnd4j may hand to its oneDNN helpers (the {@code -onednn} natives; with the plain natives the
 * switch changes nothing). oneDNN wins on large work — convolutions, large matrix products (1024³: 536 against 273
 * GFLOP/s here) — and loses on small products, where waking its OpenMP team costs more than the product (the MLP
 * trained at 14 905 samples/s with the helpers on everywhere and at 27 515 with them off). So they are off except
 * around convolutions and products of at least {@link Threading#SMALL_PRODUCT} multiply-adds. Dilated convolutions
 * never use them: libnd4j's oneDNN glue rejects many ("could not create a descriptor for a dilated convolution
 * forward propagation primitive").
 */
final class OneDnn {
    private OneDnn() {}

    /** Turns the helpers off for everything not routed through this class; called once, when the backend is created. */
    static void configure() {
        Nd4j.getEnvironment().allowHelpers(false);
    }

    /** Runs {@code kernel}, a convolution with {@code dilation}, on oneDNN unless it is dilated. */
    static void convolution(int[] dilation, Runnable kernel) {
        boolean dilated = false;
        for (int d : dilation) {
            dilated |= d != 1;
        }
        with(!dilated, () -> {
            kernel.run();
            return null;
        });
    }

    /** Runs {@code kernel}, a matrix product of {@code multiplyAdds}, on oneDNN when it is large. */
    static <T> T product(long multiplyAdds, Supplier<T> kernel) {
        return with(multiplyAdds >= Threading.SMALL_PRODUCT, kernel);
    }

    private static <T> T with(boolean helpers, Supplier<T> kernel) {
        Environment env = Nd4j.getEnvironment();
        boolean before = env.helpersAllowed();
        if (before == helpers) {
            return kernel.get();
        }
        env.allowHelpers(helpers);
        try {
            return kernel.get();
        } finally {
            env.allowHelpers(before);
        }
    }
}
