package dev.burnj.backend.vulkan;

import dev.burnj.backend.MemoryCounter;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every op implementation shares: creating tensors and views on a device, and the one generic strided,
 * broadcasting elementwise kernel family. A family member is defined by a GLSL expression over its inputs
 * {@code a, b, c} (read from any strided view) and scalars {@code s0, s1}; its source is generated from the
 * template below once per (expression, dtypes) and cached as a pipeline.
 */
final class Compute {
    /** Largest rank the strided kernels take (the parameter block has room for any rank; this bounds the loops). */
    static final int MAX_RANK = 16;

    private final VulkanBackend backend;
    private final MemoryCounter tracker;
    private final Map<String, String> sources = new ConcurrentHashMap<>();

    Compute(VulkanBackend backend, MemoryCounter tracker) {
        this.backend = backend;
        this.tracker = tracker;
    }

    Device device(Gpu gpu) {
        return backend.deviceOf(gpu);
    }

    /** A new contiguous tensor with uninitialised contents. */
    VulkanTensor empty(Gpu gpu, Shape shape, DType dtype) {
        if (!Glsl.stores(dtype) || (dtype == DType.F64 && !gpu.info.shaderFloat64())) {
            throw Glsl.unsupported(dtype);
        }
        long bytes = shape.numel() * Glsl.bytes(dtype);
        if (shape.numel() > Integer.MAX_VALUE) {
            throw new VulkanException("vulkan: tensor " + shape + " has more than 2^31 elements");
        }
        Storage storage = new Storage(gpu, gpu.tensors.allocate(bytes), tracker);
        return new VulkanTensor(shape, dtype, device(gpu), storage, 0, VulkanTensor.contiguousStrides(shape.dims()), tracker);
    }

    /** A view of {@code base}'s storage. */
    VulkanTensor view(VulkanTensor base, Shape shape, int offset, int[] strides) {
        return new VulkanTensor(shape, base.dtype(), base.device(), base.storage.share(), offset, strides, tracker);
    }

    /** The strides with which {@code t} is read as a tensor of {@code shape}: broadcast dims get stride 0. */
    static int[] broadcastStrides(VulkanTensor t, Shape shape) {
        int[] dims = t.shape().dims();
        int[] out = new int[dims.length];
        for (int d = 0; d < dims.length; d++) {
            out[d] = dims[d] == 1 && shape.dim(d) != 1 ? 0 : t.stride(d);
        }
        return out;
    }

    /** Elementwise op into a new contiguous tensor of {@code shape}. */
    VulkanTensor map(String name, String expr, DType out, Shape shape, DType scalarType, double[] scalars, VulkanTensor... inputs) {
        return map(inputs[0].gpu(), name, expr, out, shape, scalarType, scalars, inputs);
    }

    VulkanTensor map(Gpu gpu, String name, String expr, DType out, Shape shape, DType scalarType, double[] scalars, VulkanTensor... inputs) {
        VulkanTensor result = empty(gpu, shape, out);
        mapInto(name, expr, result, result.offset, result.strides(), shape, scalarType, scalars, inputs);
        return result;
    }

    VulkanTensor map(String name, String expr, DType out, Shape shape, VulkanTensor... inputs) {
        return map(name, expr, out, shape, DType.F32, new double[0], inputs);
    }

    /** Elementwise op written into the view ({@code offset}, {@code strides}) of {@code target}'s storage. */
    void mapInto(String name, String expr, VulkanTensor target, int offset, int[] strides, Shape shape, DType scalarType, double[] scalars,
            VulkanTensor... inputs) {
        long n = shape.numel();
        if (n == 0) {
            return;
        }
        if (shape.rank() > MAX_RANK) {
            throw new IllegalArgumentException("vulkan: " + name + ": rank " + shape.rank() + " exceeds " + MAX_RANK);
        }
        Gpu gpu = target.gpu();
        DType[] types = new DType[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            types[i] = inputs[i].dtype();
        }
        String source = elementwiseSource(gpu.workgroup, expr, target.dtype(), types, scalarType, scalars.length);
        Kernel kernel = gpu.kernels.get(name, source, inputs.length + 2);
        Params p = new Params().add((int) n, shape.rank()).add(shape.dims()).view(offset, strides);
        for (VulkanTensor in : inputs) {
            p.view(in.offset, broadcastStrides(in, shape));
        }
        for (double s : scalars) {
            p.scalar(scalarType, s);
        }
        Allocation[] buffers = new Allocation[inputs.length + 1];
        buffers[0] = target.storage.allocation;
        for (int i = 0; i < inputs.length; i++) {
            buffers[i + 1] = inputs[i].storage.allocation;
        }
        dispatch1d(gpu, kernel, p.build(), buffers, n);
    }

    /**
     * The most loop iterations one invocation may run. Some drivers stop longer loops silently (lavapipe's llvmpipe
     * ends any loop after 65535 iterations) and GPUs reset long-running dispatches, so kernels are arranged to stay
     * below this, and an op that cannot fails with this error rather than computing garbage.
     */
    static final long LOOP_BUDGET = 65_000;

    /** Throws naming {@code op} when one invocation would need more than {@link #LOOP_BUDGET} iterations. */
    static void checkBudget(String op, long iterations) {
        if (iterations > LOOP_BUDGET) {
            throw new VulkanException("vulkan: " + op + " would run " + iterations + " loop iterations in one invocation, more than the "
                    + LOOP_BUDGET + " this backend allows (drivers such as lavapipe stop longer loops); use smaller windows, lines or batches");
        }
    }

    /** Dispatches {@code count} workgroups on a 2-D grid (one per line of a group-wise kernel). */
    static void dispatchGroups(Gpu gpu, Kernel kernel, int[] params, Allocation[] buffers, long count, long work) {
        long maxX = gpu.info.maxComputeWorkGroupCount()[0];
        int x = (int) Math.min(count, maxX);
        long y = (count + x - 1) / x;
        if (y > gpu.info.maxComputeWorkGroupCount()[1]) {
            throw new VulkanException("vulkan: " + kernel.name() + " over " + count + " lines exceeds the device's workgroup count limits");
        }
        gpu.stream.dispatch(kernel, params, buffers, x, (int) y, 1, work);
    }

    /** Dispatches enough workgroups of {@link Gpu#workgroup} invocations to cover {@code n}, on a 2-D grid if needed. */
    static void dispatch1d(Gpu gpu, Kernel kernel, int[] params, Allocation[] buffers, long n) {
        dispatch1d(gpu, kernel, params, buffers, n, n);
    }

    /** {@link #dispatch1d(Gpu, Kernel, int[], Allocation[], long)} for a kernel doing about {@code work} units in all. */
    static void dispatch1d(Gpu gpu, Kernel kernel, int[] params, Allocation[] buffers, long n, long work) {
        long groups = (n + gpu.workgroup - 1) / gpu.workgroup;
        long maxX = gpu.info.maxComputeWorkGroupCount()[0];
        int x = (int) Math.min(groups, maxX);
        long y = (groups + x - 1) / x;
        if (y > gpu.info.maxComputeWorkGroupCount()[1]) {
            throw new VulkanException("vulkan: " + kernel.name() + " over " + n + " elements exceeds the device's workgroup count limits");
        }
        gpu.stream.dispatch(kernel, params, buffers, x, (int) y, 1, work);
    }

    private String elementwiseSource(int wg, String expr, DType out, DType[] inputs, DType scalarType, int scalars) {
        StringBuilder key = new StringBuilder(expr).append('|').append(out).append('|').append(scalarType).append(scalars).append('|').append(wg);
        for (DType t : inputs) {
            key.append(t).append(',');
        }
        return sources.computeIfAbsent(key.toString(), k -> generate(wg, expr, out, inputs, scalarType, scalars));
    }

    private static final String[] NAMES = {"a", "b", "c", "d"};

    private static String generate(int wg, String expr, DType out, DType[] inputs, DType scalarType, int scalars) {
        StringBuilder s = new StringBuilder(Glsl.header(wg, 1));
        s.append(Glsl.buffer(1, "o_", out, false));
        for (int i = 0; i < inputs.length; i++) {
            s.append(Glsl.buffer(i + 2, "i" + i + "_", inputs[i], true));
        }
        boolean f64 = out == DType.F64 || scalarType == DType.F64;
        for (DType t : inputs) {
            f64 |= t == DType.F64;
        }
        s.append(Glsl.math(f64));
        s.append(Glsl.stridedPrologue(wg, inputs.length + 1));
        int at = 0;
        for (int k = 0; k < scalars; k++) {
            s.append("  ").append(Glsl.type(scalarType)).append(" s").append(k).append(" = ").append(Glsl.scalar(scalarType, "sb + " + at))
                    .append(";\n");
            at += Glsl.scalarInts(scalarType);
        }
        for (int i = 0; i < inputs.length; i++) {
            s.append("  ").append(Glsl.type(inputs[i])).append(' ').append(NAMES[i]).append(" = i").append(i).append("_[off").append(i + 1)
                    .append("];\n");
        }
        s.append("  o_[off0] = ").append(Glsl.type(out)).append('(').append(expr).append(");\n}\n");
        return s.toString();
    }

    /** The kernels of {@code tensors} all live on one device; returns it. */
    static Gpu sameGpu(List<VulkanTensor> tensors) {
        Gpu gpu = tensors.get(0).gpu();
        for (VulkanTensor t : tensors) {
            if (t.gpu() != gpu) {
                throw new IllegalArgumentException("vulkan: tensors on different devices: " + tensors.get(0).device() + " and " + t.device());
            }
        }
        return gpu;
    }
}
