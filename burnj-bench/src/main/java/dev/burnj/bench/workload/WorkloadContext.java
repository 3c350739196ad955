package dev.burnj.bench.workload;

import dev.burnj.tensor.Device;

/**
 * Where and how much a workload runs: the device (the plain backend; training workloads wrap it in autodiff
 * themselves), the seed of weights and data order, and an optional step budget that cuts the training workloads
 * W1–W3 short (0 = the full definitions; CI uses a tiny budget so that the runner cannot rot). W4 and W5 take
 * seconds and always run in full.
 */
public record WorkloadContext(Device device, long seed, int maxSteps) {
    public WorkloadContext {
        if (device.isAutodiff()) {
            throw new IllegalArgumentException("expected a plain device, got the autodiff device " + device);
        }
        if (maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps must be >= 0 (0 = no limit), got " + maxSteps);
        }
    }

    /** {@code full} cut to the step budget, if there is one. */
    public int steps(int full) {
        return maxSteps == 0 ? full : Math.min(full, maxSteps);
    }
}
