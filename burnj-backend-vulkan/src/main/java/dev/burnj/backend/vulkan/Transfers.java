package dev.burnj.backend.vulkan;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import org.lwjgl.system.MemoryUtil;

/**
 * Host to device and back. Uploads are written into a staging range and copied on the queue, so they are ordered
 * with the kernels around them and never wait; reads materialise the tensor contiguously, wait for the stream, and
 * read the memory directly when it is host-visible, else through a staging copy.
 */
final class Transfers {
    private final Compute compute;

    Transfers(Compute compute) {
        this.compute = compute;
    }

    VulkanTensor upload(Gpu gpu, TensorData data) {
        DType dtype = data.dtype();
        Shape shape = data.shape();
        VulkanTensor t = compute.empty(gpu, shape, dtype);
        int n = shape.numelInt();
        if (n == 0) {
            return t;
        }
        long bytes = (long) n * Glsl.bytes(dtype);
        Allocation staging = gpu.stream.stagingForUpload(bytes);
        write(staging.mapped, data);
        gpu.stream.copy(staging, 0, t.storage.allocation, 0, bytes);
        return t;
    }

    TensorData download(VulkanTensor t, Layouts layouts) {
        Shape shape = t.shape();
        int n = shape.numelInt();
        if (n == 0) {
            return TensorData.fromDoubles(new double[0], shape, t.dtype());
        }
        VulkanTensor c = layouts.contiguous(t);
        try {
            Gpu gpu = c.gpu();
            long bytes = (long) n * Glsl.bytes(c.dtype());
            long start = (long) c.offset * Glsl.bytes(c.dtype());
            if (gpu.directReads) {
                gpu.stream.finish();
                return read(c.storage.allocation.mapped + start, shape, c.dtype());
            }
            Allocation staging = gpu.staging.allocate(bytes);
            try {
                gpu.stream.copy(c.storage.allocation, start, staging, 0, bytes);
                gpu.stream.finish();
                return read(staging.mapped, shape, c.dtype());
            } finally {
                gpu.staging.free(staging);
            }
        } finally {
            c.release();
        }
    }

    private static void write(long address, TensorData data) {
        Object values = data.unsafeArray();
        switch (data.dtype()) {
            case F32 -> {
                float[] v = (float[]) values;
                MemoryUtil.memFloatBuffer(address, v.length).put(v);
            }
            case F64 -> {
                double[] v = (double[]) values;
                MemoryUtil.memDoubleBuffer(address, v.length).put(v);
            }
            case I32 -> {
                int[] v = (int[]) values;
                MemoryUtil.memIntBuffer(address, v.length).put(v);
            }
            case I64 -> {
                long[] v = (long[]) values;
                MemoryUtil.memLongBuffer(address, v.length).put(v);
            }
            case BOOL -> {
                boolean[] v = (boolean[]) values;
                var out = MemoryUtil.memIntBuffer(address, v.length);
                for (int i = 0; i < v.length; i++) {
                    out.put(i, v[i] ? 1 : 0);
                }
            }
            default -> throw Glsl.unsupported(data.dtype());
        }
    }

    private static TensorData read(long address, Shape shape, DType dtype) {
        int n = shape.numelInt();
        return switch (dtype) {
            case F32 -> {
                float[] v = new float[n];
                MemoryUtil.memFloatBuffer(address, n).get(v);
                yield TensorData.of(v, shape);
            }
            case F64 -> {
                double[] v = new double[n];
                MemoryUtil.memDoubleBuffer(address, n).get(v);
                yield TensorData.of(v, shape);
            }
            case I32 -> {
                int[] v = new int[n];
                MemoryUtil.memIntBuffer(address, n).get(v);
                yield TensorData.of(v, shape);
            }
            case I64 -> {
                long[] v = new long[n];
                MemoryUtil.memLongBuffer(address, n).get(v);
                yield TensorData.of(v, shape);
            }
            case BOOL -> {
                boolean[] v = new boolean[n];
                var in = MemoryUtil.memIntBuffer(address, n);
                for (int i = 0; i < n; i++) {
                    v[i] = in.get(i) != 0;
                }
                yield TensorData.of(v, shape);
            }
            default -> throw Glsl.unsupported(dtype);
        };
    }
}
