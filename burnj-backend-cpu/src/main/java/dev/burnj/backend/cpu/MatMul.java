package dev.burnj.backend.cpu;


/** SKELETON: MatMul. */
final class MatMul {
    private final Transfers transfers;

    MatMul(Transfers transfers) {
        this.transfers = transfers;
    }

    CpuTensor matmul(CpuTensor lhs, CpuTensor rhs) {
        throw NotYet.op("matmul");
    }
}
