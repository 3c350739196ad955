package dev.burnj.backend.nd4j;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the ND4J backend spreads work over cores. libnd4j's own kernels (element-wise ops, reductions, im2col) run on
 * the calling thread: on the tensors of typical models its OpenMP team's fork, join and spin-waiting cost more than
 * they save, and the spinning threads take the cores from BLAS's (on 2 cores the MLP trained at 633 samples/s with
 * libnd4j's default of all cores and at 7 599 with one). Matrix products go to BLAS on all its threads when large
 * and on one when small, where waking the others costs more than the product.
 *
 * <p>System property {@code burnj.nd4j.kernelThreads} sets libnd4j's kernel threads; without it an
 * {@code OMP_NUM_THREADS} the user set is left in force, else one thread. BLAS's own maximum (which honours
 * {@code OPENBLAS_NUM_THREADS} and {@code OMP_NUM_THREADS}) is never exceeded.
 */
final class Threading {
    private static final Logger LOG = LoggerFactory.getLogger(Threading.class);
    /** Products of fewer multiply-adds run on one BLAS thread. */
    static final long SMALL_PRODUCT = 1L << 25;

    private static int blasMax = 1;
    private static volatile int blasNow = -1;

    private Threading() {}

    /** Sets libnd4j's kernel threads and records BLAS's maximum; called once, when the backend is created. */
    static synchronized void configure() {
        String property = System.getProperty("burnj.nd4j.kernelThreads");
        Integer kernels = null;
        if (property != null) {
            try {
                kernels = Integer.parseInt(property.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("burnj.nd4j.kernelThreads must be a positive integer, got '" + property + "'");
            }
            if (kernels < 1) {
                throw new IllegalArgumentException("burnj.nd4j.kernelThreads must be a positive integer, got " + kernels);
            }
        } else if (System.getenv("OMP_NUM_THREADS") == null) {
            kernels = 1;
        }
        if (kernels != null) {
            Nd4j.getEnvironment().setMaxMasterThreads(kernels);
        }
        blasMax = Math.max(1, Nd4j.factory().blas().getMaxThreads());
        LOG.debug("libnd4j kernel threads {}, BLAS threads up to {}", Nd4j.getEnvironment().maxMasterThreads(), blasMax);
    }

    /** Sets BLAS's threads for a product of {@code multiplyAdds}; a JNI call only when the count changes. */
    static void forProduct(long multiplyAdds) {
        int want = multiplyAdds < SMALL_PRODUCT ? 1 : blasMax;
        if (want != blasNow) {
            Nd4j.factory().blas().setMaxThreads(want);
            blasNow = want;
        }
    }
}
