package dev.burnj.backend;

/**
 * A distribution for random tensors. Sampling follows {@link dev.burnj.random.Philox} so that a seed gives the
 * same values on every backend.
 */
public sealed interface Distribution {
    /** Uniform on {@code [low, high)}. */
    record Uniform(double low, double high) implements Distribution {}

    /** Normal with the given mean and standard deviation. */
    record Normal(double mean, double std) implements Distribution {}

    /** 1 with probability {@code p}, else 0. */
    record Bernoulli(double p) implements Distribution {
        public Bernoulli {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("bernoulli: p must be in [0, 1], got " + p);
            }
        }
    }
}
