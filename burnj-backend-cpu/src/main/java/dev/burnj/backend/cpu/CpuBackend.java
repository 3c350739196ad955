package dev.burnj.backend.cpu;

import dev.burnj.backend.AdamCoefficients;
import dev.burnj.backend.AdamUpdate;
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
import dev.burnj.backend.cpu.Reductions.Fold;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import dev.burnj.tensor.TensorData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The JVM-native CPU backend: tensors in aligned native memory ({@link CpuTensor}), Java kernels for elementwise
 * ops, reductions, layouts and indexing, and oneDNN for GEMM and convolutions. One device, {@code cpu:0}. This class
 * is the SPI facade; the kernels live in package-private classes by concern. Obtain it with
 * {@code Backends.get("cpu")} or {@code Device.of("cpu")}.
 */
public final class CpuBackend implements Backend {
    private final Device device = new Device(this, "cpu", 0);
    private final MemoryCounter memory = new MemoryCounter();
    private final Transfers transfers = new Transfers(memory);
    private final Layouts layouts = new Layouts(transfers);
    private final Indexing indexing = new Indexing(transfers);
    private final Elementwise ew = new Elementwise(transfers);
    private final Reductions reductions = new Reductions();
    private final Sorting sorting = new Sorting();
    private final Softmax softmax = new Softmax();
    private final MatMul matmul = new MatMul(transfers);
    private final Convolutions convolutions = new Convolutions(transfers);
    private final Pooling pooling = new Pooling(transfers);
    private final Interpolation interpolation = new Interpolation(transfers);
    private final AdamKernel adam = new AdamKernel(transfers);
    private final Sampling sampling = new Sampling(memory);

    CpuBackend() {}

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public List<Device> devices() {
        return List.of(device);
    }

    @Override
    public boolean supports(DType dtype) {
        return CpuDTypes.SUPPORTED.contains(dtype);
    }

    @Override
    public MemoryStats memoryStats() {
        return memory.snapshot(BlockPool.SHARED.pooledBytes());
    }

    private Device device(Device d) {
        if (d.backend() != this) {
            throw new IllegalArgumentException("cpu: device " + d + " belongs to another backend");
        }
        return d;
    }

    private static CpuTensor t(TensorPrimitive p) {
        if (!(p instanceof CpuTensor c)) {
            throw new IllegalArgumentException("cpu: expected a tensor of the cpu backend, got " + p);
        }
        if (!c.isLive()) {
            throw new IllegalStateException("tensor " + c.shape() + " " + c.dtype() + " was already freed; it cannot be used again");
        }
        return c;
    }

    private static CpuTensor opt(TensorPrimitive p) {
        return p == null ? null : t(p);
    }

    private static List<CpuTensor> all(List<TensorPrimitive> tensors) {
        List<CpuTensor> out = new ArrayList<>(tensors.size());
        for (TensorPrimitive p : tensors) {
            out.add(t(p));
        }
        return out;
    }

    @Override
    public TensorPrimitive fromData(TensorData data, Device device) {
        return transfers.upload(data, device(device));
    }

    @Override
    public TensorData toData(TensorPrimitive tensor) {
        return transfers.download(t(tensor));
    }

    @Override
    public TensorPrimitive full(Shape shape, double value, DType dtype, Device device) {
        return transfers.fill(shape, value, dtype, device(device));
    }

    @Override
    public TensorPrimitive cast(TensorPrimitive tensor, DType dtype) {
        return tensor.dtype() == dtype ? t(tensor).retain() : transfers.cast(t(tensor), dtype);
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
        return layouts.cat(all(tensors), dim);
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

    @Override
    public TensorPrimitive add(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.binary(BinaryOp.ADD, t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive sub(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.binary(BinaryOp.SUB, t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive mul(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.binary(BinaryOp.MUL, t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive div(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.binary(BinaryOp.DIV, t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive maximum(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.binary(BinaryOp.MAXIMUM, t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive minimum(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.binary(BinaryOp.MINIMUM, t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive pow(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.binary(BinaryOp.POW, t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive remainder(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.binary(BinaryOp.REMAINDER, t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive addScalar(TensorPrimitive lhs, double rhs) {
        return ew.scalar(BinaryOp.ADD, t(lhs), rhs);
    }

    @Override
    public TensorPrimitive subScalar(TensorPrimitive lhs, double rhs) {
        return ew.scalar(BinaryOp.SUB, t(lhs), rhs);
    }

    @Override
    public TensorPrimitive mulScalar(TensorPrimitive lhs, double rhs) {
        return ew.scalar(BinaryOp.MUL, t(lhs), rhs);
    }

    @Override
    public TensorPrimitive divScalar(TensorPrimitive lhs, double rhs) {
        return ew.scalar(BinaryOp.DIV, t(lhs), rhs);
    }

    @Override
    public TensorPrimitive powScalar(TensorPrimitive tensor, double exponent) {
        return ew.scalar(BinaryOp.POW, t(tensor), exponent);
    }

    @Override
    public TensorPrimitive remainderScalar(TensorPrimitive lhs, double rhs) {
        return ew.scalar(BinaryOp.REMAINDER, t(lhs), rhs);
    }

    @Override
    public TensorPrimitive rsubScalar(TensorPrimitive tensor, double lhs) {
        return ew.rsubScalar(t(tensor), lhs);
    }

    @Override
    public TensorPrimitive clamp(TensorPrimitive tensor, double min, double max) {
        return ew.clamp(t(tensor), min, max);
    }

    @Override
    public TensorPrimitive neg(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.NEG, t(tensor));
    }

    @Override
    public TensorPrimitive abs(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.ABS, t(tensor));
    }

    @Override
    public TensorPrimitive sign(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.SIGN, t(tensor));
    }

    @Override
    public TensorPrimitive exp(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.EXP, t(tensor));
    }

    @Override
    public TensorPrimitive log(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.LOG, t(tensor));
    }

    @Override
    public TensorPrimitive log1p(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.LOG1P, t(tensor));
    }

    @Override
    public TensorPrimitive sqrt(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.SQRT, t(tensor));
    }

    @Override
    public TensorPrimitive rsqrt(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.RSQRT, t(tensor));
    }

    @Override
    public TensorPrimitive recip(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.RECIP, t(tensor));
    }

    @Override
    public TensorPrimitive sin(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.SIN, t(tensor));
    }

    @Override
    public TensorPrimitive cos(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.COS, t(tensor));
    }

    @Override
    public TensorPrimitive tanh(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.TANH, t(tensor));
    }

    @Override
    public TensorPrimitive erf(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.ERF, t(tensor));
    }

    @Override
    public TensorPrimitive floor(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.FLOOR, t(tensor));
    }

    @Override
    public TensorPrimitive ceil(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.CEIL, t(tensor));
    }

    @Override
    public TensorPrimitive round(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.ROUND, t(tensor));
    }

    @Override
    public TensorPrimitive relu(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.RELU, t(tensor));
    }

    @Override
    public TensorPrimitive sigmoid(TensorPrimitive tensor) {
        return ew.unary(UnaryOp.SIGMOID, t(tensor));
    }

    @Override
    public TensorPrimitive leakyRelu(TensorPrimitive tensor, double slope) {
        return ew.leakyRelu(t(tensor), slope);
    }

    @Override
    public TensorPrimitive and(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.logical(BinaryOp.AND, t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive or(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.logical(BinaryOp.OR, t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive xor(TensorPrimitive lhs, TensorPrimitive rhs) {
        return ew.logical(BinaryOp.XOR, t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive not(TensorPrimitive tensor) {
        return ew.not(t(tensor));
    }

    @Override
    public TensorPrimitive sum(TensorPrimitive tensor) {
        return reductions.all(t(tensor), Fold.SUM);
    }

    @Override
    public TensorPrimitive prod(TensorPrimitive tensor) {
        return reductions.all(t(tensor), Fold.PROD);
    }

    @Override
    public TensorPrimitive max(TensorPrimitive tensor) {
        return reductions.all(t(tensor), Fold.MAX);
    }

    @Override
    public TensorPrimitive min(TensorPrimitive tensor) {
        return reductions.all(t(tensor), Fold.MIN);
    }

    @Override
    public TensorPrimitive any(TensorPrimitive tensor) {
        return reductions.all(t(tensor), Fold.ANY);
    }

    @Override
    public TensorPrimitive all(TensorPrimitive tensor) {
        return reductions.all(t(tensor), Fold.ALL);
    }

    @Override
    public TensorPrimitive sumDim(TensorPrimitive tensor, int dim) {
        return reductions.dim(t(tensor), dim, Fold.SUM);
    }

    @Override
    public TensorPrimitive prodDim(TensorPrimitive tensor, int dim) {
        return reductions.dim(t(tensor), dim, Fold.PROD);
    }

    @Override
    public TensorPrimitive maxDim(TensorPrimitive tensor, int dim) {
        return reductions.dim(t(tensor), dim, Fold.MAX);
    }

    @Override
    public TensorPrimitive minDim(TensorPrimitive tensor, int dim) {
        return reductions.dim(t(tensor), dim, Fold.MIN);
    }

    @Override
    public TensorPrimitive mean(TensorPrimitive tensor) {
        return reductions.mean(t(tensor));
    }

    @Override
    public TensorPrimitive meanDim(TensorPrimitive tensor, int dim) {
        return reductions.meanDim(t(tensor), dim);
    }

    @Override
    public TensorPrimitive var(TensorPrimitive tensor, int dim, int correction) {
        return reductions.var(t(tensor), dim, correction);
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
    public TensorPrimitive softmax(TensorPrimitive tensor, int dim) {
        return softmax.apply(t(tensor), dim, Softmax.Kind.SOFTMAX);
    }

    @Override
    public TensorPrimitive logSoftmax(TensorPrimitive tensor, int dim) {
        return softmax.apply(t(tensor), dim, Softmax.Kind.LOG_SOFTMAX);
    }

    @Override
    public TensorPrimitive logSumExp(TensorPrimitive tensor, int dim) {
        return softmax.apply(t(tensor), dim, Softmax.Kind.LOG_SUM_EXP);
    }

    @Override
    public TensorPrimitive random(Shape shape, Distribution distribution, long seed, long offset, DType dtype, Device device) {
        return sampling.sample(shape, distribution, seed, offset, dtype, device(device));
    }

    @Override
    public TensorPrimitive reluBackward(TensorPrimitive output, TensorPrimitive grad) {
        return fusedGradient(ActivationGradients.Kind.RELU, output, grad, 0, () -> Backend.super.reluBackward(output, grad));
    }

    @Override
    public TensorPrimitive leakyReluBackward(TensorPrimitive input, TensorPrimitive grad, double slope) {
        return fusedGradient(ActivationGradients.Kind.LEAKY_RELU, input, grad, slope, () -> Backend.super.leakyReluBackward(input, grad, slope));
    }

    @Override
    public TensorPrimitive sigmoidBackward(TensorPrimitive output, TensorPrimitive grad) {
        return fusedGradient(ActivationGradients.Kind.SIGMOID, output, grad, 0, () -> Backend.super.sigmoidBackward(output, grad));
    }

    @Override
    public TensorPrimitive tanhBackward(TensorPrimitive output, TensorPrimitive grad) {
        return fusedGradient(ActivationGradients.Kind.TANH, output, grad, 0, () -> Backend.super.tanhBackward(output, grad));
    }

    /** The one-pass kernel where it applies (dense F32), else the SPI's composition. */
    private static TensorPrimitive fusedGradient(ActivationGradients.Kind kind, TensorPrimitive saved, TensorPrimitive grad, double slope,
            Supplier<TensorPrimitive> composed) {
        CpuTensor y = t(saved);
        CpuTensor g = t(grad);
        return ActivationGradients.applies(y, g) ? ActivationGradients.apply(kind, y, g, slope) : composed.get();
    }

    @Override
    public TensorPrimitive crossEntropy(TensorPrimitive logits, TensorPrimitive targets) {
        CpuTensor x = t(logits);
        CpuTensor y = t(targets);
        return CrossEntropyKernel.applies(x, y, null) ? CrossEntropyKernel.forward(x, y) : Backend.super.crossEntropy(logits, targets);
    }

    @Override
    public TensorPrimitive crossEntropyBackward(TensorPrimitive logits, TensorPrimitive targets, TensorPrimitive grad) {
        CpuTensor x = t(logits);
        CpuTensor y = t(targets);
        CpuTensor g = t(grad);
        return CrossEntropyKernel.applies(x, y, g) ? CrossEntropyKernel.backward(x, y, g) : Backend.super.crossEntropyBackward(logits, targets, grad);
    }

    @Override
    public TensorPrimitive linear(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias) {
        CpuTensor fused = bias == null ? null : matmul.linear(t(input), t(weight), t(bias));
        return fused != null ? fused : Backend.super.linear(input, weight, bias);
    }

    @Override
    public TensorPrimitive matmul(TensorPrimitive lhs, TensorPrimitive rhs) {
        return matmul.matmul(t(lhs), t(rhs));
    }

    @Override
    public TensorPrimitive conv2d(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, ConvOptions options) {
        return convolutions.conv2d(t(input), t(weight), opt(bias), options);
    }

    @Override
    public ConvGradients conv2dBackward(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, TensorPrimitive outputGrad, ConvOptions options) {
        return convolutions.conv2dBackward(t(input), t(weight), opt(bias), t(outputGrad), options);
    }

    @Override
    public TensorPrimitive convTranspose2d(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, ConvTransposeOptions options) {
        return convolutions.convTranspose2d(t(input), t(weight), opt(bias), options);
    }

    @Override
    public ConvGradients convTranspose2dBackward(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, TensorPrimitive outputGrad, ConvTransposeOptions options) {
        return convolutions.convTranspose2dBackward(t(input), t(weight), opt(bias), t(outputGrad), options);
    }

    @Override
    public MaxPoolResult maxPool2dWithIndices(TensorPrimitive input, PoolOptions options) {
        return pooling.maxPool(t(input), options);
    }

    @Override
    public TensorPrimitive maxPool2dBackward(TensorPrimitive input, PoolOptions options, TensorPrimitive outputGrad, TensorPrimitive indices) {
        return pooling.maxPoolBackward(t(input), options, t(outputGrad), t(indices));
    }

    @Override
    public TensorPrimitive avgPool2d(TensorPrimitive input, PoolOptions options) {
        return pooling.avgPool(t(input), options);
    }

    @Override
    public TensorPrimitive avgPool2dBackward(TensorPrimitive input, PoolOptions options, TensorPrimitive outputGrad) {
        return pooling.avgPoolBackward(t(input), options, t(outputGrad));
    }

    @Override
    public TensorPrimitive adaptiveAvgPool2d(TensorPrimitive input, int outHeight, int outWidth) {
        return pooling.adaptiveAvgPool(t(input), outHeight, outWidth);
    }

    @Override
    public TensorPrimitive adaptiveAvgPool2dBackward(TensorPrimitive input, TensorPrimitive outputGrad) {
        return pooling.adaptiveAvgPoolBackward(t(input), t(outputGrad));
    }

    @Override
    public TensorPrimitive interpolate(TensorPrimitive input, int outHeight, int outWidth, InterpolateMode mode) {
        return interpolation.interpolate(t(input), outHeight, outWidth, mode);
    }

    @Override
    public TensorPrimitive interpolateBackward(TensorPrimitive input, TensorPrimitive outputGrad, InterpolateMode mode) {
        return interpolation.interpolateBackward(t(input), t(outputGrad), mode);
    }

    @Override
    public AdamUpdate adamStep(TensorPrimitive param, TensorPrimitive grad, TensorPrimitive expAvg, TensorPrimitive expAvgSq, TensorPrimitive maxExpAvgSq, AdamCoefficients c) {
        return adam.step(t(param), t(grad), t(expAvg), t(expAvgSq), opt(maxExpAvgSq), c);
    }

}
