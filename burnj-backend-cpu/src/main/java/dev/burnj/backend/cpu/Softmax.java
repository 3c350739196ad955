package dev.burnj.backend.cpu;


/** SKELETON: Softmax. */
final class Softmax {
    /** SKELETON kinds. */
    enum Kind { SOFTMAX, LOG_SOFTMAX, LOG_SUM_EXP }

    private final Transfers transfers;

    Softmax(Transfers transfers) {
        this.transfers = transfers;
    }

    CpuTensor apply(CpuTensor t, int dim, Kind kind) {
        throw NotYet.op("apply");
    }
}
