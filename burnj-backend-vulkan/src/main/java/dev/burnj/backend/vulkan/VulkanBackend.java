package dev.burnj.backend.vulkan;

import dev.burnj.backend.Backend;
import dev.burnj.backend.Comparison;
import dev.burnj.backend.ConvGradients;
import dev.burnj.backend.ConvOptions;
import dev.burnj.backend.ConvTransposeOptions;
import dev.burnj.backend.Distribution;
import dev.burnj.backend.InterpolateMode;
import dev.burnj.backend.MaxPoolResult;
import dev.burnj.backend.MemoryCounter;
import dev.burnj.backend.MemoryStats;
import dev.burnj.backend.PoolOptions;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import dev.burnj.tensor.TensorData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lwjgl.vulkan.VkPhysicalDevice;

/**
 * The Vulkan compute backend: one burnj device per usable Vulkan device, best first (see {@link DeviceSelection}),
 * each opened on first use. F32, I32, I64 and BOOL tensors, and F64 where every device has {@code shaderFloat64}; ops
 * are recorded into batched command buffers and the host waits only when it reads a value. This class is the SPI facade; the kernels live in package-private classes
 * by concern. Obtain it with {@code Backends.get("vulkan")} or {@code Device.of("vulkan:0")}.
 */
public final class VulkanBackend implements Backend {
    private final List<DeviceInfo> infos;
    private final List<VkPhysicalDevice> physical;
    private final List<Device> devices = new ArrayList<>();
    private final Gpu[] gpus;
    private final Path cacheDir;
    private final MemoryCounter memory = new MemoryCounter();
    private final Compute compute = new Compute(this, memory);
    private final Layouts layouts = new Layouts(compute);
    private final Transfers transfers = new Transfers(compute);
    private final Elementwise ew = new Elementwise(compute);
    private final Reductions reductions = new Reductions(compute);
    private final MatMul matmul = new MatMul(compute);
    private final Indexing indexing = new Indexing(compute, layouts);
    private final Sorting sorting = new Sorting(compute);
    private final PhiloxKernel philox = new PhiloxKernel(compute);
    private final Convolutions convolutions = new Convolutions(compute, reductions, layouts,
            new ConvGemm(compute, layouts, matmul, ew, reductions));
    private final Spatial spatial = new Spatial(compute);
    private final Softmax softmax = new Softmax(compute, reductions);

    /** A backend over {@code ordered} (best first), whose {@code physical} handles are by physical index. */
    VulkanBackend(List<DeviceInfo> ordered, List<VkPhysicalDevice> physical, Path cacheDir) {
        this.infos = List.copyOf(ordered);
        this.physical = List.copyOf(physical);
        this.cacheDir = cacheDir;
        this.gpus = new Gpu[ordered.size()];
        for (int i = 0; i < ordered.size(); i++) {
            devices.add(new Device(this, ordered.get(i).kind().deviceType(), i));
        }
    }

    @Override
    public String name() {
        return "vulkan";
    }

    @Override
    public List<Device> devices() {
        return List.copyOf(devices);
    }

    /** What the device behind {@code vulkan:index} is and can do. */
    public DeviceInfo deviceInfo(int index) {
        return infos.get(index);
    }

    /** Every kernel gives each output element to one invocation with a fixed loop order: no atomics anywhere. */
    @Override
    public boolean isDeterministic() {
        return true;
    }

    @Override
    public boolean supports(DType dtype) {
        // F64 needs shaderFloat64 on every device, so that a dtype supported on vulkan:0 works on every vulkan:i.
        return Glsl.stores(dtype) && (dtype != DType.F64 || infos.stream().allMatch(DeviceInfo::shaderFloat64));
    }

    @Override
    public void sync(Device device) {
        Gpu gpu = gpus[device.index()];
        if (gpu != null) {
            gpu.stream.finish();
        }
    }

    @Override
    public MemoryStats memoryStats() {
        long pooled = 0;
        for (Gpu g : gpus) {
            if (g != null) {
                pooled += g.tensors.pooledBytes();
            }
        }
        return memory.snapshot(pooled);
    }

    /** The opened device behind {@code device}, opening it on first use. */
    Gpu gpu(Device device) {
        if (device.backend() != this) {
            throw new IllegalArgumentException("vulkan: device " + device + " belongs to another backend");
        }
        int i = device.index();
        synchronized (gpus) {
            if (gpus[i] == null) {
                DeviceInfo info = infos.get(i);
                gpus[i] = new Gpu(physical.get(info.physicalIndex()), info, cacheDir);
            }
            return gpus[i];
        }
    }

    Device deviceOf(Gpu gpu) {
        for (int i = 0; i < gpus.length; i++) {
            if (gpus[i] == gpu) {
                return devices.get(i);
            }
        }
        throw new IllegalStateException("vulkan: unknown device " + gpu.info.name());
    }

    private static VulkanTensor t(TensorPrimitive p) {
        if (!(p instanceof VulkanTensor v)) {
            throw new IllegalArgumentException("vulkan: expected a tensor of the vulkan backend, got " + p);
        }
        if (!v.isLive()) {
            throw new IllegalStateException("tensor " + v.shape() + " " + v.dtype() + " was already freed; it cannot be used again");
        }
        return v;
    }

    // ---- TensorOps

    @Override
    public TensorPrimitive fromData(TensorData data, Device device) {
        return transfers.upload(gpu(device), data);
    }

    @Override
    public TensorData toData(TensorPrimitive tensor) {
        return transfers.download(t(tensor), layouts);
    }

    @Override
    public TensorPrimitive full(Shape shape, double value, DType dtype, Device device) {
        return ew.fill(gpu(device), shape, value, dtype);
    }

    @Override
    public TensorPrimitive cast(TensorPrimitive tensor, DType dtype) {
        if (!supports(dtype)) {
            throw Glsl.unsupported(dtype);
        }
        return tensor.dtype() == dtype ? tensor.retain() : ew.cast(t(tensor), dtype);
    }

    @Override
    public TensorPrimitive reshape(TensorPrimitive tensor, Shape shape) {
        return layouts.reshape(t(tensor), shape);
    }

    @Override
    public TensorPrimitive permute(TensorPrimitive tensor, int[] axes) {
        return layouts.permute(t(tensor), axes);
    }

    @Override
    public TensorPrimitive expand(TensorPrimitive tensor, Shape shape) {
        return layouts.expand(t(tensor), shape);
    }

    @Override
    public TensorPrimitive slice(TensorPrimitive tensor, Slice[] slices) {
        return layouts.slice(t(tensor), slices);
    }

    @Override
    public TensorPrimitive sliceAssign(TensorPrimitive tensor, Slice[] slices, TensorPrimitive values) {
        return layouts.sliceAssign(t(tensor), slices, t(values));
    }

    @Override
    public TensorPrimitive cat(List<TensorPrimitive> tensors, int dim) {
        List<VulkanTensor> parts = new ArrayList<>(tensors.size());
        for (TensorPrimitive p : tensors) {
            parts.add(t(p));
        }
        return layouts.cat(parts, dim);
    }

    @Override
    public TensorPrimitive flip(TensorPrimitive tensor, int[] dims) {
        return layouts.flip(t(tensor), dims);
    }

    @Override
    public TensorPrimitive gather(TensorPrimitive tensor, int dim, TensorPrimitive indices) {
        return indexing.gather(t(tensor), dim, t(indices));
    }

    @Override
    public TensorPrimitive scatter(TensorPrimitive tensor, int dim, TensorPrimitive indices, TensorPrimitive values, boolean add) {
        return indexing.scatter(t(tensor), dim, t(indices), t(values), add);
    }

    @Override
    public TensorPrimitive indexSelect(TensorPrimitive tensor, int dim, TensorPrimitive indices) {
        return indexing.indexSelect(t(tensor), dim, t(indices));
    }

    @Override
    public TensorPrimitive compare(TensorPrimitive lhs, TensorPrimitive rhs, Comparison op) {
        return ew.compare(t(lhs), t(rhs), op);
    }

    @Override
    public TensorPrimitive compareScalar(TensorPrimitive lhs, double rhs, Comparison op) {
        return ew.compareScalar(t(lhs), rhs, op);
    }

    @Override
    public TensorPrimitive where(TensorPrimitive condition, TensorPrimitive onTrue, TensorPrimitive onFalse) {
        return ew.where(t(condition), t(onTrue), t(onFalse));
    }

    @Override
    public TensorPrimitive maskFill(TensorPrimitive tensor, TensorPrimitive mask, double value) {
        return ew.maskFill(t(tensor), t(mask), value);
    }

    // ---- NumericOps

    @Override
    public TensorPrimitive add(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.binary("add", "a + b", "a + b", t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive sub(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.binary("sub", "a - b", "a - b", t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive mul(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.binary("mul", "a * b", "a * b", t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive div(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.binary("div", "a / b", "b_fdiv(a, b)", t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive addScalar(TensorPrimitive lhs, double rhs) {
        return ew.withScalars("add_scalar", "a + s0", "a + s0", t(lhs), rhs);
    }

    @Override
    public TensorPrimitive mulScalar(TensorPrimitive lhs, double rhs) {
        return ew.withScalars("mul_scalar", "a * s0", "a * s0", t(lhs), rhs);
    }

    @Override
    public TensorPrimitive divScalar(TensorPrimitive lhs, double rhs) {
        return ew.withScalars("div_scalar", "a / s0", "b_fdiv(a, s0)", t(lhs), rhs);
    }

    @Override
    public TensorPrimitive rsubScalar(TensorPrimitive tensor, double lhs) {
        return ew.withScalars("rsub_scalar", "s0 - a", "s0 - a", t(tensor), lhs);
    }

    @Override
    public TensorPrimitive neg(TensorPrimitive tensor) {
        return ew.unary("neg", "-a", t(tensor));
    }

    @Override
    public TensorPrimitive abs(TensorPrimitive tensor) {
        return ew.unary("abs", "abs(a)", t(tensor));
    }

    @Override
    public TensorPrimitive sign(TensorPrimitive tensor) {
        return ew.unary("sign", "sign(a)", t(tensor));
    }

    @Override
    public TensorPrimitive clamp(TensorPrimitive tensor, double min, double max) {
        return ew.withScalars("clamp", "min(max(a, s0), s1)", "min(max(a, s0), s1)", t(tensor), min, max);
    }

    @Override
    public TensorPrimitive maximum(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.binary("maximum", "max(a, b)", "max(a, b)", t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive minimum(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.binary("minimum", "min(a, b)", "min(a, b)", t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive sum(TensorPrimitive tensor) {
        return reductions.all(t(tensor), Reductions.Fold.SUM);
    }

    @Override
    public TensorPrimitive sumDim(TensorPrimitive tensor, int dim) {
        return reductions.dim(t(tensor), dim, Reductions.Fold.SUM);
    }

    @Override
    public TensorPrimitive prod(TensorPrimitive tensor) {
        return reductions.all(t(tensor), Reductions.Fold.PROD);
    }

    @Override
    public TensorPrimitive prodDim(TensorPrimitive tensor, int dim) {
        return reductions.dim(t(tensor), dim, Reductions.Fold.PROD);
    }

    @Override
    public TensorPrimitive max(TensorPrimitive tensor) {
        return reductions.all(t(tensor), Reductions.Fold.MAX);
    }

    @Override
    public TensorPrimitive maxDim(TensorPrimitive tensor, int dim) {
        return reductions.dim(t(tensor), dim, Reductions.Fold.MAX);
    }

    @Override
    public TensorPrimitive min(TensorPrimitive tensor) {
        return reductions.all(t(tensor), Reductions.Fold.MIN);
    }

    @Override
    public TensorPrimitive minDim(TensorPrimitive tensor, int dim) {
        return reductions.dim(t(tensor), dim, Reductions.Fold.MIN);
    }

    @Override
    public TensorPrimitive argmax(TensorPrimitive tensor, int dim) {
        return reductions.arg(t(tensor), dim, true);
    }

    @Override
    public TensorPrimitive argmin(TensorPrimitive tensor, int dim) {
        return reductions.arg(t(tensor), dim, false);
    }

    @Override
    public TensorPrimitive cumsum(TensorPrimitive tensor, int dim) {
        return reductions.cumsum(t(tensor), dim);
    }

    @Override
    public TensorPrimitive argsort(TensorPrimitive tensor, int dim, boolean descending) {
        return sorting.argsort(t(tensor), dim, descending);
    }

    @Override
    public TensorPrimitive matmul(TensorPrimitive lhs, TensorPrimitive rhs) {
        return matmul.matmul(t(lhs), t(rhs));
    }

    // ---- IntOps

    @Override
    public TensorPrimitive remainder(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.binary("remainder", "a - b * floor(a / b)", "b_fmod(a, b)", t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive remainderScalar(TensorPrimitive lhs, double rhs) {
        return ew.withScalars("remainder_scalar", "a - s0 * floor(a / s0)", "b_fmod(a, s0)", t(lhs), rhs);
    }

    // ---- BoolOps

    @Override
    public TensorPrimitive and(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.logical("and", "a != 0u && b != 0u", t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive or(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.logical("or", "a != 0u || b != 0u", t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive not(TensorPrimitive tensor) {
        return ew.unary("not", "a == 0u", t(tensor));
    }

    @Override
    public TensorPrimitive any(TensorPrimitive tensor) {
        return reductions.all(t(tensor), Reductions.Fold.MAX);
    }

    @Override
    public TensorPrimitive all(TensorPrimitive tensor) {
        return reductions.all(t(tensor), Reductions.Fold.MIN);
    }

    // ---- FloatOps

    @Override
    public TensorPrimitive random(Shape shape, Distribution distribution, long seed, long offset, DType dtype, Device device) {
        Gpu gpu = gpu(device);
        if (!PhiloxKernel.handles(gpu, distribution)) {
            return Backend.super.random(shape, distribution, seed, offset, dtype, device);
        }
        return philox.sample(gpu, shape, distribution, seed, offset, dtype);
    }

    @Override
    public TensorPrimitive exp(TensorPrimitive tensor) {
        return ew.unary("exp", "b_exp(a)", t(tensor));
    }

    @Override
    public TensorPrimitive log(TensorPrimitive tensor) {
        return ew.unary("log", "b_log(a)", t(tensor));
    }

    @Override
    public TensorPrimitive log1p(TensorPrimitive tensor) {
        return ew.unary("log1p", "b_log1p(a)", t(tensor));
    }

    @Override
    public TensorPrimitive sqrt(TensorPrimitive tensor) {
        return ew.unary("sqrt", "sqrt(a)", t(tensor));
    }

    @Override
    public TensorPrimitive recip(TensorPrimitive tensor) {
        return ew.unary("recip", "1.0 / a", t(tensor));
    }

    @Override
    public TensorPrimitive sin(TensorPrimitive tensor) {
        return ew.unary("sin", "b_sin(a)", t(tensor));
    }

    @Override
    public TensorPrimitive cos(TensorPrimitive tensor) {
        return ew.unary("cos", "b_cos(a)", t(tensor));
    }

    @Override
    public TensorPrimitive tanh(TensorPrimitive tensor) {
        return ew.unary("tanh", "b_tanh(a)", t(tensor));
    }

    @Override
    public TensorPrimitive erf(TensorPrimitive tensor) {
        return ew.unary("erf", "b_erf(a)", t(tensor));
    }

    @Override
    public TensorPrimitive floor(TensorPrimitive tensor) {
        return ew.unary("floor", "floor(a)", t(tensor));
    }

    @Override
    public TensorPrimitive ceil(TensorPrimitive tensor) {
        return ew.unary("ceil", "ceil(a)", t(tensor));
    }

    @Override
    public TensorPrimitive round(TensorPrimitive tensor) {
        return ew.unary("round", "roundEven(a)", t(tensor));
    }

    @Override
    public TensorPrimitive pow(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.binary("pow", "b_pow(a, b)", "b_pow(a, b)", t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive powScalar(TensorPrimitive tensor, double exponent) {
        return ew.withScalars("pow_scalar", "b_pow(a, s0)", "b_pow(a, s0)", t(tensor), exponent);
    }

    @Override
    public TensorPrimitive logSumExp(TensorPrimitive tensor, int dim) {
        return softmax.apply(t(tensor), dim, Softmax.Kind.LOG_SUM_EXP);
    }

    // ---- ActivationOps

    @Override
    public TensorPrimitive softmax(TensorPrimitive tensor, int dim) {
        return softmax.apply(t(tensor), dim, Softmax.Kind.SOFTMAX);
    }

    @Override
    public TensorPrimitive logSoftmax(TensorPrimitive tensor, int dim) {
        return softmax.apply(t(tensor), dim, Softmax.Kind.LOG_SOFTMAX);
    }

    @Override
    public TensorPrimitive relu(TensorPrimitive tensor) {
        return ew.unary("relu", "a < 0.0 ? 0.0 : a", t(tensor));
    }

    @Override
    public TensorPrimitive sigmoid(TensorPrimitive tensor) {
        return ew.unary("sigmoid", "1.0 / (1.0 + b_exp(-a))", t(tensor));
    }

    // ---- ModuleOps

    @Override
    public TensorPrimitive conv2d(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, ConvOptions options) {
        return convolutions.conv2d(t(input), t(weight), bias == null ? null : t(bias), options);
    }

    @Override
    public ConvGradients conv2dBackward(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, TensorPrimitive outputGrad,
            ConvOptions options) {
        return convolutions.conv2dBackward(t(input), t(weight), bias == null ? null : t(bias), t(outputGrad), options);
    }

    @Override
    public TensorPrimitive convTranspose2d(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, ConvTransposeOptions options) {
        return convolutions.convTranspose2d(t(input), t(weight), bias == null ? null : t(bias), options);
    }

    @Override
    public ConvGradients convTranspose2dBackward(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias,
            TensorPrimitive outputGrad, ConvTransposeOptions options) {
        return convolutions.convTranspose2dBackward(t(input), t(weight), bias == null ? null : t(bias), t(outputGrad), options);
    }

    @Override
    public MaxPoolResult maxPool2dWithIndices(TensorPrimitive input, PoolOptions options) {
        return spatial.maxPool(t(input), options);
    }

    @Override
    public TensorPrimitive maxPool2dBackward(TensorPrimitive input, PoolOptions options, TensorPrimitive outputGrad, TensorPrimitive indices) {
        return spatial.maxPoolBackward(t(input), options, t(outputGrad), t(indices));
    }

    @Override
    public TensorPrimitive avgPool2d(TensorPrimitive input, PoolOptions options) {
        return spatial.avgPool(t(input), options);
    }

    @Override
    public TensorPrimitive avgPool2dBackward(TensorPrimitive input, PoolOptions options, TensorPrimitive outputGrad) {
        return spatial.avgPoolBackward(t(input), options, t(outputGrad));
    }

    @Override
    public TensorPrimitive adaptiveAvgPool2d(TensorPrimitive input, int outHeight, int outWidth) {
        return spatial.adaptiveAvgPool(t(input), outHeight, outWidth);
    }

    @Override
    public TensorPrimitive adaptiveAvgPool2dBackward(TensorPrimitive input, TensorPrimitive outputGrad) {
        return spatial.adaptiveAvgPoolBackward(t(input), t(outputGrad));
    }

    @Override
    public TensorPrimitive interpolate(TensorPrimitive input, int outHeight, int outWidth, InterpolateMode mode) {
        return spatial.interpolate(t(input), outHeight, outWidth, mode);
    }

    @Override
    public TensorPrimitive interpolateBackward(TensorPrimitive input, TensorPrimitive outputGrad, InterpolateMode mode) {
        return spatial.interpolateBackward(t(input), t(outputGrad), mode);
    }

    /** Waits for and releases every opened device; tensors of this backend must not be used afterwards. */
    void close() {
        synchronized (gpus) {
            for (int i = 0; i < gpus.length; i++) {
                if (gpus[i] != null) {
                    gpus[i].close();
                    gpus[i] = null;
                }
            }
        }
    }
}
