package dev.burnj.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * libnd4j's gather and scatter kernels reject BOOL arrays, so BOOL data moves through them as INT and is narrowed back.
 * Non-BOOL arrays pass through untouched.
 */
final class BoolAsInt {
    private BoolAsInt() {}

    /** {@code a} as INT when it is BOOL (a new array), else {@code a} itself. */
    static INDArray widen(INDArray a) {
        return a.dataType() == DataType.BOOL ? a.castTo(DataType.INT) : a;
    }

    /** Copies {@code widened} back into the BOOL array {@code target} and frees it, when {@link #widen} made a copy. */
    static void narrowInto(INDArray widened, INDArray target) {
        if (widened != target && target.dataType() == DataType.BOOL) {
            Kernel.custom("assign").in(target, widened).out(target).exec();
            widened.close();
        }
    }
}
