package dev.burnj.bench.workload;

/**
 * One end-to-end benchmark workload (W1–W5 of {@code docs/performance.md}), defined identically to its PyTorch
 * counterpart in {@code bench/pytorch/workloads.py}. A workload prepares its data outside the timed region, times
 * one run and reports one number.
 */
public interface Workload {
    /** The short id, {@code W1} to {@code W5}. */
    String id();

    /** What is run, in a few words. */
    String title();

    /** The unit of {@link Measurement#value()}, e.g. {@code samples/s}. */
    String unit();

    /** Whether a larger value is better (throughput) or worse (latency). */
    boolean higherIsBetter();

    /**
     * Runs the workload: {@code warmUps} untimed runs, then {@code runs} timed ones; returns one measurement per
     * timed run.
     */
    java.util.List<Measurement> run(WorkloadContext context, int warmUps, int runs) throws Exception;
}
