package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.Backend;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.Arrays;

/**
 * Inputs in the layouts kernels must handle (dense, transposed, strided with an offset) and value comparisons, for
 * the pooling, interpolation and Adam tests.
 */
final class PoolViews {
    /** Filler at stored positions a view skips: it visibly corrupts a result if a kernel reads it. */
    private static final double FILLER = 77.0;

    enum Layout {
        DENSE,
        /** Stored with all dims reversed and viewed back: every stride differs from the dense one. */
        TRANSPOSED,
        /** Every other element of a twice-as-long last dim, from element 1. */
        STRIDED
    }

    private PoolViews() {}

    /** {@code data} on {@code cpu} in {@code layout}; the caller owns the returned tensor. */
    static CpuTensor create(CpuBackend cpu, TensorData data, Layout layout) {
        int[] dims = data.shape().dims();
        int rank = dims.length;
        if (layout == Layout.DENSE || rank == 0) {
            return (CpuTensor) cpu.fromData(data, cpu.devices().get(0));
        }
        int[] storedDims = dims.clone();
        long offset = 0;
        if (layout == Layout.TRANSPOSED) {
            for (int d = 0; d < rank; d++) {
                storedDims[d] = dims[rank - 1 - d];
            }
        } else {
            storedDims[rank - 1] = 2 * dims[rank - 1];
            offset = 1;
        }
        long[] dense = Shape.of(storedDims).strides();
        long[] strides = new long[rank];
        for (int d = 0; d < rank; d++) {
            strides[d] = layout == Layout.TRANSPOSED ? dense[rank - 1 - d] : dense[d];
        }
        if (layout == Layout.STRIDED) {
            strides[rank - 1] = 2;
        }
        double[] stored = new double[Math.toIntExact(Shape.of(storedDims).numel())];
        Arrays.fill(stored, FILLER);
        double[] values = data.toDoubles();
        int[] index = new int[rank];
        for (double value : values) {
            long at = offset;
            for (int d = 0; d < rank; d++) {
                at += index[d] * strides[d];
            }
            stored[(int) at] = value;
            for (int d = rank - 1; d >= 0 && ++index[d] == dims[d]; d--) {
                index[d] = 0;
            }
        }
        CpuTensor whole = (CpuTensor) cpu.fromData(TensorData.fromDoubles(stored, Shape.of(storedDims), data.dtype()), cpu.devices().get(0));
        try {
            return whole.view(data.shape(), offset, strides);
        } finally {
            whole.release();
        }
    }

    /** Reads {@code t} back and releases it. */
    static TensorData take(Backend backend, TensorPrimitive t) {
        try {
            return backend.toData(t);
        } finally {
            t.release();
        }
    }

    /** Asserts {@code |actual - expected| <= atol + rtol |expected|} elementwise, with matching shape and dtype. */
    static void assertClose(String what, TensorData expected, TensorData actual, double rtol, double atol) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        double[] e = expected.toDoubles();
        double[] a = actual.toDoubles();
        for (int i = 0; i < e.length; i++) {
            double tolerance = atol + rtol * Math.abs(e[i]);
            int at = i;
            assertTrue(Math.abs(a[i] - e[i]) <= tolerance, () -> what + ": element " + at + " is " + a[at] + ", expected " + e[at]);
        }
    }

    /** Asserts bit-for-bit equal values. */
    static void assertSame(String what, TensorData expected, TensorData actual) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        double[] e = expected.toDoubles();
        double[] a = actual.toDoubles();
        for (int i = 0; i < e.length; i++) {
            int at = i;
            assertEquals(Double.doubleToLongBits(e[i]), Double.doubleToLongBits(a[i]), () -> what + ": element " + at + " is " + a[at]
                    + ", expected " + e[at]);
        }
    }
}
