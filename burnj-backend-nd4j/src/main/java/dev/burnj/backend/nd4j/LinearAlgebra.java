package dev.burnj.backend.nd4j;

import static dev.burnj.backend.nd4j.Tensors.arr;

import dev.burnj.backend.TensorPrimitive;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Batched matrix products. libnd4j's matmul needs equal batch dims, so differing ones are expanded first. */
final class LinearAlgebra {
    private final Tensors tensors;

    LinearAlgebra(Tensors tensors) {
        this.tensors = tensors;
    }

    TensorPrimitive matmul(TensorPrimitive lhs, TensorPrimitive rhs) {
        INDArray a = arr(lhs);
        INDArray b = arr(rhs);
        long[] as = a.shape();
        long[] bs = b.shape();
        int rank = as.length;
        long[] out = new long[rank];
        long[] aTarget = as.clone();
        long[] bTarget = bs.clone();
        if (rank > 2) {
            long[] batch = Broadcasting.shape("matmul", java.util.Arrays.copyOf(as, rank - 2), java.util.Arrays.copyOf(bs, rank - 2));
            System.arraycopy(batch, 0, out, 0, rank - 2);
            System.arraycopy(batch, 0, aTarget, 0, rank - 2);
            System.arraycopy(batch, 0, bTarget, 0, rank - 2);
        }
        if (as[rank - 1] != bs[rank - 2]) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + java.util.Arrays.toString(as) + " @ "
                    + java.util.Arrays.toString(bs));
        }
        out[rank - 2] = as[rank - 2];
        out[rank - 1] = bs[rank - 1];
        INDArray result = Tensors.alloc(a.dataType(), out);
        if (result.length() == 0) {
            return tensors.wrap(result);
        }
        if (as[rank - 1] == 0) {
            return tensors.wrap(result.assign(0));
        }
        INDArray x = Broadcasting.expand(a, aTarget);
        INDArray y = Broadcasting.expand(b, bTarget);
        long multiplyAdds = result.length() * as[rank - 1];
        Threading.forProduct(multiplyAdds);
        try {
            return tensors.wrap(OneDnn.product(multiplyAdds, () -> Kernel.custom("matmul").in(x, y).out(result).exec1()));
        } finally {
            Tensors.closeTemp(x, a);
            Tensors.closeTemp(y, b);
        }
    }
}
