package dev.burnj.backend.nd4j;

import dev.burnj.backend.AdamCoefficients;
import dev.burnj.backend.AdamUpdate;
import dev.burnj.backend.Backend;
import dev.burnj.backend.Comparison;
import dev.burnj.backend.ConvGradients;
import dev.burnj.backend.ConvOptions;
import dev.burnj.backend.ConvTransposeOptions;
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
import java.util.List;

/**
 * The ND4J CPU backend: one device, {@code nd4j:cpu:0}, with F32, F64, I64, I32 and BOOL tensors. This class is
 * the SPI facade; the ops live in package-private classes by concern (layout, arithmetic, logic, reductions,
 * sorting, float math, activations, linear algebra, convolutions, pooling, resampling). Obtain it through
 * {@code Backends.get("nd4j")}.
 */
public final class Nd4jBackend implements Backend {
    private final Device device = new Device(this, "cpu", 0);
    private final MemoryCounter memory = new MemoryCounter();
    private final Tensors tensors = new Tensors(device, memory);
    private final LayoutOps layout = new LayoutOps(tensors);
    private final Arithmetic arithmetic = new Arithmetic(tensors);
    private final LogicOps logic = new LogicOps(tensors);
    private final Reductions reductions = new Reductions(tensors);
    private final Sorting sorting = new Sorting(tensors);
    private final FloatMath math = new FloatMath(tensors);
    private final Activations activations = new Activations(tensors);
    private final LinearAlgebra linalg = new LinearAlgebra(tensors);
    private final Convolutions convolutions = new Convolutions(tensors);
    private final Pooling pooling = new Pooling(tensors);
    private final Resampling resampling = new Resampling(tensors);
    private final OptimizerUpdates optimizers = new OptimizerUpdates(tensors);

    Nd4jBackend() {}

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public List<Device> devices() {
        return List.of(device);
    }

    @Override
    public boolean supports(DType dtype) {
        return DTypes.SUPPORTED.contains(dtype);
    }

    /**
     * libnd4j's CPU kernels split work statically over a fixed number of threads and use no atomics for floats, and
     * this backend's scatters run with libnd4j's lock, so results repeat bit for bit for a given thread count.
     */
    @Override
    public boolean isDeterministic() {
        return true;
    }

    @Override
    public MemoryStats memoryStats() {
        return memory.snapshot(ArrayPool.SHARED.pooledBytes());
    }

    // ---- TensorOps

    @Override
    public TensorPrimitive fromData(TensorData data, Device device) {
        return tensors.wrap(HostTransfer.fromData(data));
    }

    @Override
    public TensorData toData(TensorPrimitive tensor) {
        return HostTransfer.toData(Tensors.arr(tensor), tensor.dtype());
    }

    @Override
    public TensorPrimitive full(Shape shape, double value, DType dtype, Device device) {
        return tensors.wrap(HostTransfer.full(shape, value, dtype));
    }

    @Override
    public TensorPrimitive cast(TensorPrimitive tensor, DType dtype) {
        return layout.cast(tensor, dtype);
    }

    @Override
    public TensorPrimitive reshape(TensorPrimitive tensor, Shape shape) {
        return layout.reshape(tensor, shape);
    }

    @Override
    public TensorPrimitive permute(TensorPrimitive tensor, int[] axes) {
        return layout.permute(tensor, axes);
    }

    @Override
    public TensorPrimitive expand(TensorPrimitive tensor, Shape shape) {
        return layout.expand(tensor, shape);
    }

    @Override
    public TensorPrimitive slice(TensorPrimitive tensor, Slice[] slices) {
        return layout.slice(tensor, slices);
    }

    @Override
    public TensorPrimitive sliceAssign(TensorPrimitive tensor, Slice[] slices, TensorPrimitive values) {
        return layout.sliceAssign(tensor, slices, values);
    }

    @Override
    public TensorPrimitive cat(List<TensorPrimitive> tensors, int dim) {
        return layout.cat(tensors, dim);
    }

    @Override
    public TensorPrimitive flip(TensorPrimitive tensor, int[] dims) {
        return layout.flip(tensor, dims);
    }

    @Override
    public TensorPrimitive repeat(TensorPrimitive tensor, int dim, int times) {
        return layout.repeat(tensor, dim, times);
    }

    @Override
    public TensorPrimitive gather(TensorPrimitive tensor, int dim, TensorPrimitive indices) {
        return layout.gather(tensor, dim, indices);
    }

    @Override
    public TensorPrimitive scatter(TensorPrimitive tensor, int dim, TensorPrimitive indices, TensorPrimitive values, boolean add) {
        return layout.scatter(tensor, dim, indices, values, add);
    }

    @Override
    public TensorPrimitive indexSelect(TensorPrimitive tensor, int dim, TensorPrimitive indices) {
        return layout.indexSelect(tensor, dim, indices);
    }

    @Override
    public TensorPrimitive compare(TensorPrimitive lhs, TensorPrimitive rhs, Comparison op) {
        return logic.compare(lhs, rhs, op);
    }

    @Override
    public TensorPrimitive compareScalar(TensorPrimitive lhs, double rhs, Comparison op) {
        return logic.compareScalar(lhs, rhs, op);
    }

    @Override
    public TensorPrimitive where(TensorPrimitive condition, TensorPrimitive onTrue, TensorPrimitive onFalse) {
        return logic.where(condition, onTrue, onFalse);
    }

    @Override
    public TensorPrimitive maskFill(TensorPrimitive tensor, TensorPrimitive mask, double value) {
        return logic.maskFill(tensor, mask, value);
    }

    @Override
    public TensorPrimitive toDevice(TensorPrimitive tensor, Device device) {
        if (device.equals(this.device)) {
            return tensor.retain();
        }
        return Backend.super.toDevice(tensor, device);
    }

    // ---- NumericOps

    @Override
    public TensorPrimitive add(TensorPrimitive lhs, TensorPrimitive rhs) {
        return arithmetic.binary("add", lhs, rhs);
    }

    @Override
    public TensorPrimitive sub(TensorPrimitive lhs, TensorPrimitive rhs) {
        return arithmetic.binary("subtract", lhs, rhs);
    }

    @Override
    public TensorPrimitive mul(TensorPrimitive lhs, TensorPrimitive rhs) {
        return arithmetic.binary("multiply", lhs, rhs);
    }

    @Override
    public TensorPrimitive div(TensorPrimitive lhs, TensorPrimitive rhs) {
        return arithmetic.div(lhs, rhs);
    }

    @Override
    public TensorPrimitive addScalar(TensorPrimitive lhs, double rhs) {
        return arithmetic.addScalar(lhs, rhs);
    }

    @Override
    public TensorPrimitive subScalar(TensorPrimitive lhs, double rhs) {
        return arithmetic.addScalar(lhs, -rhs);
    }

    @Override
    public TensorPrimitive mulScalar(TensorPrimitive lhs, double rhs) {
        return arithmetic.mulScalar(lhs, rhs);
    }

    @Override
    public TensorPrimitive divScalar(TensorPrimitive lhs, double rhs) {
        return arithmetic.divScalar(lhs, rhs);
    }

    @Override
    public TensorPrimitive rsubScalar(TensorPrimitive tensor, double lhs) {
        return arithmetic.rsubScalar(tensor, lhs);
    }

    @Override
    public TensorPrimitive neg(TensorPrimitive tensor) {
        return arithmetic.neg(tensor);
    }

    @Override
    public TensorPrimitive abs(TensorPrimitive tensor) {
        return arithmetic.abs(tensor);
    }

    @Override
    public TensorPrimitive sign(TensorPrimitive tensor) {
        return arithmetic.sign(tensor);
    }

    @Override
    public TensorPrimitive clamp(TensorPrimitive tensor, double min, double max) {
        return arithmetic.clamp(tensor, min, max);
    }

    @Override
    public TensorPrimitive maximum(TensorPrimitive lhs, TensorPrimitive rhs) {
        return arithmetic.binary("maximum", lhs, rhs);
    }

    @Override
    public TensorPrimitive minimum(TensorPrimitive lhs, TensorPrimitive rhs) {
        return arithmetic.binary("minimum", lhs, rhs);
    }

    @Override
    public TensorPrimitive sum(TensorPrimitive tensor) {
        return reductions.all("reduce_sum", tensor);
    }

    @Override
    public TensorPrimitive sumDim(TensorPrimitive tensor, int dim) {
        return reductions.dim("reduce_sum", tensor, dim);
    }

    @Override
    public TensorPrimitive prod(TensorPrimitive tensor) {
        return reductions.prod(tensor);
    }

    @Override
    public TensorPrimitive prodDim(TensorPrimitive tensor, int dim) {
        return reductions.prodDim(tensor, dim);
    }

    @Override
    public TensorPrimitive max(TensorPrimitive tensor) {
        return reductions.all("reduce_max", tensor);
    }

    @Override
    public TensorPrimitive maxDim(TensorPrimitive tensor, int dim) {
        return reductions.dim("reduce_max", tensor, dim);
    }

    @Override
    public TensorPrimitive min(TensorPrimitive tensor) {
        return reductions.all("reduce_min", tensor);
    }

    @Override
    public TensorPrimitive minDim(TensorPrimitive tensor, int dim) {
        return reductions.dim("reduce_min", tensor, dim);
    }

    @Override
    public TensorPrimitive argmax(TensorPrimitive tensor, int dim) {
        return reductions.argExtremum("argmax", tensor, dim);
    }

    @Override
    public TensorPrimitive argmin(TensorPrimitive tensor, int dim) {
        return reductions.argExtremum("argmin", tensor, dim);
    }

    @Override
    public TensorPrimitive cumsum(TensorPrimitive tensor, int dim) {
        return reductions.cumsum(tensor, dim);
    }

    @Override
    public TensorPrimitive argsort(TensorPrimitive tensor, int dim, boolean descending) {
        return sorting.argsort(tensor, dim, descending);
    }

    @Override
    public TensorPrimitive sort(TensorPrimitive tensor, int dim, boolean descending) {
        return sorting.sort(tensor, dim, descending);
    }

    @Override
    public TensorPrimitive matmul(TensorPrimitive lhs, TensorPrimitive rhs) {
        return linalg.matmul(lhs, rhs);
    }

    // ---- FloatOps

    @Override
    public TensorPrimitive exp(TensorPrimitive tensor) {
        return math.apply(FloatMath.Unary.EXP, tensor);
    }

    @Override
    public TensorPrimitive log(TensorPrimitive tensor) {
        return math.apply(FloatMath.Unary.LOG, tensor);
    }

    @Override
    public TensorPrimitive log1p(TensorPrimitive tensor) {
        return math.apply(FloatMath.Unary.LOG1P, tensor);
    }

    @Override
    public TensorPrimitive sqrt(TensorPrimitive tensor) {
        return math.apply(FloatMath.Unary.SQRT, tensor);
    }

    @Override
    public TensorPrimitive rsqrt(TensorPrimitive tensor) {
        return math.apply(FloatMath.Unary.RSQRT, tensor);
    }

    @Override
    public TensorPrimitive recip(TensorPrimitive tensor) {
        return math.apply(FloatMath.Unary.RECIP, tensor);
    }

    @Override
    public TensorPrimitive sin(TensorPrimitive tensor) {
        return math.apply(FloatMath.Unary.SIN, tensor);
    }

    @Override
    public TensorPrimitive cos(TensorPrimitive tensor) {
        return math.apply(FloatMath.Unary.COS, tensor);
    }

    @Override
    public TensorPrimitive tanh(TensorPrimitive tensor) {
        return math.apply(FloatMath.Unary.TANH, tensor);
    }

    @Override
    public TensorPrimitive erf(TensorPrimitive tensor) {
        return math.apply(FloatMath.Unary.ERF, tensor);
    }

    @Override
    public TensorPrimitive floor(TensorPrimitive tensor) {
        return math.apply(FloatMath.Unary.FLOOR, tensor);
    }

    @Override
    public TensorPrimitive ceil(TensorPrimitive tensor) {
        return math.apply(FloatMath.Unary.CEIL, tensor);
    }

    @Override
    public TensorPrimitive round(TensorPrimitive tensor) {
        return math.apply(FloatMath.Unary.ROUND, tensor);
    }

    @Override
    public TensorPrimitive pow(TensorPrimitive lhs, TensorPrimitive rhs) {
        return math.pow(lhs, rhs);
    }

    @Override
    public TensorPrimitive powScalar(TensorPrimitive tensor, double exponent) {
        return math.powScalar(tensor, exponent);
    }

    @Override
    public TensorPrimitive mean(TensorPrimitive tensor) {
        return reductions.all("reduce_mean", tensor);
    }

    @Override
    public TensorPrimitive meanDim(TensorPrimitive tensor, int dim) {
        return reductions.dim("reduce_mean", tensor, dim);
    }

    @Override
    public TensorPrimitive var(TensorPrimitive tensor, int dim, int correction) {
        return reductions.var(tensor, dim, correction);
    }

    // ---- IntOps

    @Override
    public TensorPrimitive remainder(TensorPrimitive lhs, TensorPrimitive rhs) {
        return arithmetic.remainder(lhs, rhs);
    }

    @Override
    public TensorPrimitive remainderScalar(TensorPrimitive lhs, double rhs) {
        return arithmetic.remainderScalar(lhs, rhs);
    }

    // ---- BoolOps

    @Override
    public TensorPrimitive and(TensorPrimitive lhs, TensorPrimitive rhs) {
        return logic.and(lhs, rhs);
    }

    @Override
    public TensorPrimitive or(TensorPrimitive lhs, TensorPrimitive rhs) {
        return logic.or(lhs, rhs);
    }

    @Override
    public TensorPrimitive not(TensorPrimitive tensor) {
        return logic.not(tensor);
    }

    @Override
    public TensorPrimitive xor(TensorPrimitive lhs, TensorPrimitive rhs) {
        return logic.xor(lhs, rhs);
    }

    @Override
    public TensorPrimitive any(TensorPrimitive tensor) {
        return logic.any(tensor);
    }

    @Override
    public TensorPrimitive all(TensorPrimitive tensor) {
        return logic.all(tensor);
    }

    // ---- ActivationOps

    @Override
    public TensorPrimitive relu(TensorPrimitive tensor) {
        return activations.relu(tensor);
    }

    @Override
    public TensorPrimitive leakyRelu(TensorPrimitive tensor, double slope) {
        return activations.leakyRelu(tensor, slope);
    }

    @Override
    public TensorPrimitive sigmoid(TensorPrimitive tensor) {
        return math.apply(FloatMath.Unary.SIGMOID, tensor);
    }

    @Override
    public TensorPrimitive gelu(TensorPrimitive tensor, boolean tanhApproximation) {
        return activations.gelu(tensor, tanhApproximation);
    }

    @Override
    public TensorPrimitive silu(TensorPrimitive tensor) {
        return activations.silu(tensor);
    }

    @Override
    public TensorPrimitive softmax(TensorPrimitive tensor, int dim) {
        return activations.softmax(tensor, dim);
    }

    // ---- ModuleOps

    @Override
    public TensorPrimitive conv2d(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, ConvOptions options) {
        return convolutions.conv2d(input, weight, bias, options);
    }

    @Override
    public AdamUpdate adamStep(TensorPrimitive param, TensorPrimitive grad, TensorPrimitive expAvg, TensorPrimitive expAvgSq,
            TensorPrimitive maxExpAvgSq, AdamCoefficients coefficients) {
        if (!OptimizerUpdates.handles(param)) {
            return Backend.super.adamStep(param, grad, expAvg, expAvgSq, maxExpAvgSq, coefficients);
        }
        return optimizers.adam(param, grad, expAvg, expAvgSq, maxExpAvgSq, coefficients);
    }

    @Override
    public ConvGradients conv2dBackward(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, TensorPrimitive outputGrad,
            ConvOptions options) {
        return convolutions.conv2dBackward(input, weight, bias, outputGrad, options);
    }

    @Override
    public TensorPrimitive convTranspose2d(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, ConvTransposeOptions options) {
        return convolutions.convTranspose2d(input, weight, bias, options);
    }

    @Override
    public ConvGradients convTranspose2dBackward(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias,
            TensorPrimitive outputGrad, ConvTransposeOptions options) {
        return convolutions.convTranspose2dBackward(input, weight, bias, outputGrad, options);
    }

    @Override
    public MaxPoolResult maxPool2dWithIndices(TensorPrimitive input, PoolOptions options) {
        return pooling.maxPool2dWithIndices(input, options);
    }

    @Override
    public TensorPrimitive maxPool2dBackward(TensorPrimitive input, PoolOptions options, TensorPrimitive outputGrad, TensorPrimitive indices) {
        return pooling.maxPool2dBackward(input, outputGrad, indices);
    }

    @Override
    public TensorPrimitive avgPool2d(TensorPrimitive input, PoolOptions options) {
        return pooling.avgPool2d(input, options);
    }

    @Override
    public TensorPrimitive avgPool2dBackward(TensorPrimitive input, PoolOptions options, TensorPrimitive outputGrad) {
        return pooling.avgPool2dBackward(input, options, outputGrad);
    }

    @Override
    public TensorPrimitive adaptiveAvgPool2d(TensorPrimitive input, int outHeight, int outWidth) {
        return resampling.adaptiveAvgPool2d(input, outHeight, outWidth);
    }

    @Override
    public TensorPrimitive adaptiveAvgPool2dBackward(TensorPrimitive input, TensorPrimitive outputGrad) {
        return resampling.adaptiveAvgPool2dBackward(input, outputGrad);
    }

    @Override
    public TensorPrimitive interpolate(TensorPrimitive input, int outHeight, int outWidth, InterpolateMode mode) {
        return resampling.interpolate(input, outHeight, outWidth, mode);
    }

    @Override
    public TensorPrimitive interpolateBackward(TensorPrimitive input, TensorPrimitive outputGrad, InterpolateMode mode) {
        return resampling.interpolateBackward(input, outputGrad, mode);
    }

    @Override
    public String toString() {
        return "nd4j";
    }
}
