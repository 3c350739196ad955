package dev.burnj.backend.cpu;

import dev.burnj.backend.MemoryCounter;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;

/**
 * Moves values between host arrays and native tensors, fills, casts, and makes strided views dense: the copies every
 * other kernel builds on.
 */
final class Transfers {
    private final MemoryCounter counter;

    Transfers(MemoryCounter counter) {
        this.counter = counter;
    }

    CpuTensor upload(TensorData data, Device device) {
        CpuDTypes.check(data.dtype());
        CpuTensor t = CpuTensor.allocate(data.shape(), data.dtype(), device, counter);
        NativeMemory.copyFromArray(data.unsafeArray(), t.address(), t.numel() * t.itemSize());
        return t;
    }

    TensorData download(CpuTensor tensor) {
        CpuTensor dense = contiguous(tensor);
        try {
            int n = Math.toIntExact(dense.numel());
            Object array = switch (dense.dtype()) {
                case F32 -> new float[n];
                case F64 -> new double[n];
                case I32 -> new int[n];
                case I64 -> new long[n];
                case BOOL -> new boolean[n];
                default -> throw CpuDTypes.unsupported(dense.dtype());
            };
            NativeMemory.copyToArray(dense.address(), array, (long) n * dense.itemSize());
            return switch (dense.dtype()) {
                case F32 -> TensorData.of((float[]) array, dense.shape());
                case F64 -> TensorData.of((double[]) array, dense.shape());
                case I32 -> TensorData.of((int[]) array, dense.shape());
                case I64 -> TensorData.of((long[]) array, dense.shape());
                default -> TensorData.of((boolean[]) array, dense.shape());
            };
        } finally {
            dense.release();
        }
    }

    CpuTensor fill(Shape shape, double value, DType dtype, Device device) {
        CpuDTypes.check(dtype);
        CpuTensor t = CpuTensor.allocate(shape, dtype, device, counter);
        long n = t.numel();
        long a = t.address();
        if (value == 0.0 && Double.doubleToRawLongBits(value) == 0) {
            NativeMemory.setBytes(a, n * t.itemSize(), (byte) 0);
            return t;
        }
        switch (dtype) {
            case F32 -> {
                float v = (float) value;
                for (long i = 0; i < n; i++) {
                    NativeMemory.putFloat(a + (i << 2), v);
                }
            }
            case F64 -> {
                for (long i = 0; i < n; i++) {
                    NativeMemory.putDouble(a + (i << 3), value);
                }
            }
            case I32 -> {
                int v = (int) value;
                for (long i = 0; i < n; i++) {
                    NativeMemory.putInt(a + (i << 2), v);
                }
            }
            case I64 -> {
                long v = (long) value;
                for (long i = 0; i < n; i++) {
                    NativeMemory.putLong(a + (i << 3), v);
                }
            }
            default -> NativeMemory.setBytes(a, n, value != 0.0 ? (byte) 1 : (byte) 0);
        }
        return t;
    }

    /** {@code tensor} itself (one more reference) when it is dense, otherwise a dense copy. */
    CpuTensor contiguous(CpuTensor tensor) {
        if (tensor.isContiguous()) {
            return (CpuTensor) tensor.retain();
        }
        CpuTensor out = tensor.allocateLike(tensor.shape(), tensor.dtype());
        copyInto(tensor, out);
        return out;
    }

    /** Copies {@code from}'s values into {@code to}, which has the same shape and dtype and any layout. */
    void copyInto(CpuTensor from, CpuTensor to) {
        if (LayoutTranspose.applies(from, to)) {
            LayoutTranspose.copy(from, to);
            return;
        }
        int size = from.itemSize();
        Rows rows = Rows.over(from.dims(), new long[] {from.offset(), to.offset()}, from.strides(), to.strides());
        long fromBase = from.address() - from.offset() * size;
        long toBase = to.address() - to.offset() * size;
        Parallel.forRange(rows.rows(), rows.length(), (r0, r1) -> {
            Rows part = r0 == 0 && r1 == rows.rows() ? rows
                    : Rows.over(from.dims(), new long[] {from.offset(), to.offset()}, from.strides(), to.strides()).range(r0, r1);
            while (part.next()) {
                long f = part.offset(0);
                long t = part.offset(1);
                long fs = part.step(0);
                long ts = part.step(1);
                int len = part.length();
                if (fs == 1 && ts == 1) {
                    NativeMemory.copy(fromBase + f * size, toBase + t * size, (long) len * size);
                    continue;
                }
                for (int i = 0; i < len; i++, f += fs, t += ts) {
                    Access.copyItem(size, fromBase + f * size, toBase + t * size);
                }
            }
        });
    }

    CpuTensor cast(CpuTensor tensor, DType dtype) {
        CpuDTypes.check(dtype);
        CpuTensor out = tensor.allocateLike(tensor.shape(), dtype);
        DType from = tensor.dtype();
        int fromSize = tensor.itemSize();
        int toSize = out.itemSize();
        boolean viaLong = !from.isFloat() || !dtype.isFloat() && dtype != DType.BOOL;
        Rows rows = Rows.over(tensor.dims(), new long[] {0, 0}, tensor.strides(), out.strides());
        long fa = tensor.address();
        long ta = out.address();
        while (rows.next()) {
            long f = rows.offset(0);
            long t = rows.offset(1);
            for (int i = 0; i < rows.length(); i++, f += rows.step(0), t += rows.step(1)) {
                if (viaLong) {
                    Access.putLong(dtype, ta + t * toSize, Access.getLong(from, fa + f * fromSize));
                } else {
                    Access.putDouble(dtype, ta + t * toSize, Access.getDouble(from, fa + f * fromSize));
                }
            }
        }
        return out;
    }
}
