package dev.burnj.backend.cpu;


/** SKELETON: Reductions. */
final class Reductions {
    /** SKELETON folds. */
    enum Fold { SUM, PROD, MAX, MIN, ANY, ALL }

    private final Transfers transfers;

    Reductions(Transfers transfers) {
        this.transfers = transfers;
    }

    CpuTensor all(CpuTensor t, Fold fold) {
        throw NotYet.op("all");
    }

    CpuTensor dim(CpuTensor t, int dim, Fold fold) {
        throw NotYet.op("dim");
    }

    CpuTensor mean(CpuTensor t) {
        throw NotYet.op("mean");
    }

    CpuTensor meanDim(CpuTensor t, int dim) {
        throw NotYet.op("meanDim");
    }

    CpuTensor var(CpuTensor t, int dim, int correction) {
        throw NotYet.op("var");
    }

    CpuTensor arg(CpuTensor t, int dim, boolean max) {
        throw NotYet.op("arg");
    }

    CpuTensor cumsum(CpuTensor t, int dim) {
        throw NotYet.op("cumsum");
    }
}
