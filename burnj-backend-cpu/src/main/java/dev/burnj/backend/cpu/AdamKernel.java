package dev.burnj.backend.cpu;

import dev.burnj.backend.AdamCoefficients;
import dev.burnj.backend.AdamUpdate;

/** SKELETON: AdamKernel. */
final class AdamKernel {

    AdamKernel() {
    }

    AdamUpdate step(CpuTensor param, CpuTensor grad, CpuTensor expAvg, CpuTensor expAvgSq, CpuTensor maxExpAvgSq, AdamCoefficients c) {
        throw NotYet.op("step");
    }
}
