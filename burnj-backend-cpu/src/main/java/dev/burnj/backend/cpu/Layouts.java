package dev.burnj.backend.cpu;

import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import java.util.List;

/** SKELETON: Layouts. */
final class Layouts {
    private final Transfers transfers;

    Layouts(Transfers transfers) {
        this.transfers = transfers;
    }

    CpuTensor reshape(CpuTensor t, Shape shape) {
        throw NotYet.op("reshape");
    }

    CpuTensor permute(CpuTensor t, int[] axes) {
        throw NotYet.op("permute");
    }

    CpuTensor expand(CpuTensor t, Shape shape) {
        throw NotYet.op("expand");
    }

    CpuTensor slice(CpuTensor t, Slice[] slices) {
        throw NotYet.op("slice");
    }

    CpuTensor sliceAssign(CpuTensor t, Slice[] slices, CpuTensor values) {
        throw NotYet.op("sliceAssign");
    }

    CpuTensor cat(List<CpuTensor> tensors, int dim) {
        throw NotYet.op("cat");
    }

    CpuTensor flip(CpuTensor t, int[] dims) {
        throw NotYet.op("flip");
    }
}
