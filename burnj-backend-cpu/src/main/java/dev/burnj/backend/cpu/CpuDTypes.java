package dev.burnj.backend.cpu;

import dev.burnj.tensor.DType;
import java.util.EnumSet;
import java.util.Set;

/** The dtypes the cpu backend stores, and the error for the others. */
final class CpuDTypes {
    static final Set<DType> SUPPORTED = EnumSet.of(DType.F32, DType.F64, DType.I64, DType.I32, DType.BOOL);

    private CpuDTypes() {}

    static UnsupportedOperationException unsupported(DType dtype) {
        return new UnsupportedOperationException("cpu: dtype " + dtype + " is not supported; supported: " + SUPPORTED);
    }

    static void check(DType dtype) {
        if (!SUPPORTED.contains(dtype)) {
            throw unsupported(dtype);
        }
    }
}
