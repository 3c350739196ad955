package dev.burnj.backend.cpu;

import dev.burnj.backend.MaxPoolResult;
import dev.burnj.backend.PoolOptions;

/** SKELETON: Pooling. */
final class Pooling {
    private final Transfers transfers;

    Pooling(Transfers transfers) {
        this.transfers = transfers;
    }

    MaxPoolResult maxPool(CpuTensor input, PoolOptions options) {
        throw NotYet.op("maxPool");
    }

    CpuTensor maxPoolBackward(CpuTensor input, PoolOptions options, CpuTensor outputGrad, CpuTensor indices) {
        throw NotYet.op("maxPoolBackward");
    }

    CpuTensor avgPool(CpuTensor input, PoolOptions options) {
        throw NotYet.op("avgPool");
    }

    CpuTensor avgPoolBackward(CpuTensor input, PoolOptions options, CpuTensor outputGrad) {
        throw NotYet.op("avgPoolBackward");
    }

    CpuTensor adaptiveAvgPool(CpuTensor input, int outHeight, int outWidth) {
        throw NotYet.op("adaptiveAvgPool");
    }

    CpuTensor adaptiveAvgPoolBackward(CpuTensor input, CpuTensor outputGrad) {
        throw NotYet.op("adaptiveAvgPoolBackward");
    }
}
