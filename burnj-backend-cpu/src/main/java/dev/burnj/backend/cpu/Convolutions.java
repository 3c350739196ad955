package dev.burnj.backend.cpu;

import dev.burnj.backend.ConvGradients;
import dev.burnj.backend.ConvOptions;
import dev.burnj.backend.ConvTransposeOptions;

/** SKELETON: Convolutions. */
final class Convolutions {
    private final Transfers transfers;
    private final MatMul matmul;

    Convolutions(Transfers transfers, MatMul matmul) {
        this.transfers = transfers;
        this.matmul = matmul;
    }

    CpuTensor conv2d(CpuTensor input, CpuTensor weight, CpuTensor bias, ConvOptions options) {
        throw NotYet.op("conv2d");
    }

    ConvGradients conv2dBackward(CpuTensor input, CpuTensor weight, CpuTensor bias, CpuTensor outputGrad, ConvOptions options) {
        throw NotYet.op("conv2dBackward");
    }

    CpuTensor convTranspose2d(CpuTensor input, CpuTensor weight, CpuTensor bias, ConvTransposeOptions options) {
        throw NotYet.op("convTranspose2d");
    }

    ConvGradients convTranspose2dBackward(CpuTensor input, CpuTensor weight, CpuTensor bias, CpuTensor outputGrad, ConvTransposeOptions options) {
        throw NotYet.op("convTranspose2dBackward");
    }
}
