package dev.burnj.backend.cpu;

/**
 * The shapes of the fast loops of {@link FastF32}: each op's loop is a lambda of its own, found
 * by the op once per run. Being separate methods, the loops are profiled and compiled separately, so a loop reached
 * late (after the JIT has compiled the others) is still compiled with its callees inlined — one big switch over
 * inline loops compiled such late branches without a profile, and ran them several times slower.
 */
final class FastLoop {
    private FastLoop() {}

    /** {@code n} elements of {@code c} from those of {@code a} and {@code b}; all addresses of dense runs. */
    @FunctionalInterface
    interface Binary {
        void run(long a, long b, long c, int n);
    }

    /** {@code n} elements of {@code c} from those of {@code a} and the scalar {@code s}. */
    @FunctionalInterface
    interface WithScalar {
        void run(long a, double s, long c, int n);
    }

    /** {@code n} elements of {@code c} from those of {@code a}. */
    @FunctionalInterface
    interface Unary {
        void run(long a, long c, int n);
    }
}
