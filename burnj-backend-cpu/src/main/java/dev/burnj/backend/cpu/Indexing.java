package dev.burnj.backend.cpu;


/** SKELETON: Indexing. */
final class Indexing {
    private final Transfers transfers;

    Indexing(Transfers transfers) {
        this.transfers = transfers;
    }

    CpuTensor gather(CpuTensor t, int dim, CpuTensor indices) {
        throw NotYet.op("gather");
    }

    CpuTensor scatter(CpuTensor t, int dim, CpuTensor indices, CpuTensor values, boolean add) {
        throw NotYet.op("scatter");
    }

    CpuTensor indexSelect(CpuTensor t, int dim, CpuTensor indices) {
        throw NotYet.op("indexSelect");
    }
}
