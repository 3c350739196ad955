package dev.burnj.backend.nd4j;

import dev.burnj.backend.AdamCoefficients;
import dev.burnj.backend.AdamUpdate;
import dev.burnj.backend.TensorPrimitive;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fused optimizer updates of {@link dev.burnj.backend.OptimizerOps}: libnd4j has no such kernels, so they run
 * as one {@link DirectLoops} pass per parameter instead of a dozen libnd4j ops (each a JNI call and a new array).
 */
final class OptimizerUpdates {
    private final Tensors tensors;

    OptimizerUpdates(Tensors tensors) {
        this.tensors = tensors;
    }

    /** Whether {@link #adam} handles tensors of {@code param}'s dtype (else the composed default runs). */
    static boolean handles(TensorPrimitive param) {
        DataType type = Tensors.arr(param).dataType();
        return type == DataType.FLOAT || type == DataType.DOUBLE;
    }

    AdamUpdate adam(TensorPrimitive param, TensorPrimitive grad, TensorPrimitive expAvg, TensorPrimitive expAvgSq, TensorPrimitive maxExpAvgSq,
            AdamCoefficients c) {
        try (DenseArray p = DenseArray.of(param); DenseArray g = DenseArray.of(grad); DenseArray m = DenseArray.of(expAvg);
                DenseArray v = DenseArray.of(expAvgSq); DenseArray max = DenseArray.of(maxExpAvgSq)) {
            INDArray pOut = Tensors.alloc(p.get().dataType(), p.get().shape());
            INDArray mOut = Tensors.alloc(p.get().dataType(), p.get().shape());
            INDArray vOut = Tensors.alloc(p.get().dataType(), p.get().shape());
            INDArray maxOut = max == null ? null : Tensors.alloc(p.get().dataType(), p.get().shape());
            DirectLoops.adam(p.get(), g.get(), m.get(), v.get(), max == null ? null : max.get(), pOut, mOut, vOut, maxOut, c);
            return new AdamUpdate(tensors.wrap(pOut), tensors.wrap(mOut), tensors.wrap(vOut), maxOut == null ? null : tensors.wrap(maxOut));
        }
    }
}
