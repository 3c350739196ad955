package dev.burnj.backend.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Channel groups of grouped convolutions: libnd4j's conv kernels have no groups, so each group runs separately on
 * channel views. The views come from ND4J's own indexing (on dense arrays, where it is reliable) because the conv
 * kernels validate the view metadata ND4J sets.
 */
final class Groups {
    private Groups() {}

    /** Group {@code g} of {@code groups} equal parts of the dense array {@code a} along {@code dim}, as a view ({@code a} itself when ungrouped). */
    static INDArray part(INDArray a, int dim, int g, int groups) {
        if (groups == 1) {
            return a;
        }
        long size = a.size(dim) / groups;
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        for (int d = 0; d < idx.length; d++) {
            idx[d] = d == dim ? NDArrayIndex.interval(g * size, (g + 1) * size) : NDArrayIndex.all();
        }
        return a.get(idx);
    }
}
