package dev.burnj.backend.cpu;

import dev.burnj.backend.Comparison;

/** SKELETON: Elementwise. */
final class Elementwise {
    private final Transfers transfers;

    Elementwise(Transfers transfers) {
        this.transfers = transfers;
    }

    CpuTensor compare(CpuTensor lhs, CpuTensor rhs, Comparison op) {
        throw NotYet.op("compare");
    }

    CpuTensor compareScalar(CpuTensor lhs, double rhs, Comparison op) {
        throw NotYet.op("compareScalar");
    }

    CpuTensor where(CpuTensor condition, CpuTensor onTrue, CpuTensor onFalse) {
        throw NotYet.op("where");
    }

    CpuTensor maskFill(CpuTensor t, CpuTensor mask, double value) {
        throw NotYet.op("maskFill");
    }

    CpuTensor binary(BinaryOp op, CpuTensor lhs, CpuTensor rhs) {
        throw NotYet.op("binary");
    }

    CpuTensor scalar(BinaryOp op, CpuTensor lhs, double rhs) {
        throw NotYet.op("scalar");
    }

    CpuTensor rsubScalar(CpuTensor t, double lhs) {
        throw NotYet.op("rsubScalar");
    }

    CpuTensor clamp(CpuTensor t, double min, double max) {
        throw NotYet.op("clamp");
    }

    CpuTensor unary(UnaryOp op, CpuTensor t) {
        throw NotYet.op("unary");
    }

    CpuTensor leakyRelu(CpuTensor t, double slope) {
        throw NotYet.op("leakyRelu");
    }

    CpuTensor logical(BinaryOp op, CpuTensor lhs, CpuTensor rhs) {
        throw NotYet.op("logical");
    }

    CpuTensor not(CpuTensor t) {
        throw NotYet.op("not");
    }
}
