package dev.burnj.backend.cpu;

import dev.burnj.backend.InterpolateMode;

/** SKELETON: Interpolation. */
final class Interpolation {
    private final Transfers transfers;

    Interpolation(Transfers transfers) {
        this.transfers = transfers;
    }

    CpuTensor interpolate(CpuTensor input, int outHeight, int outWidth, InterpolateMode mode) {
        throw NotYet.op("interpolate");
    }

    CpuTensor interpolateBackward(CpuTensor input, CpuTensor outputGrad, InterpolateMode mode) {
        throw NotYet.op("interpolateBackward");
    }
}
