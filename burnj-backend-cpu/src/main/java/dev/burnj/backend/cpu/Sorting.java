package dev.burnj.backend.cpu;


/** SKELETON: Sorting. */
final class Sorting {
    private final Transfers transfers;

    Sorting(Transfers transfers) {
        this.transfers = transfers;
    }

    CpuTensor argsort(CpuTensor t, int dim, boolean descending) {
        throw NotYet.op("argsort");
    }
}
