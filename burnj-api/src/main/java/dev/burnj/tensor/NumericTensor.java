package dev.burnj.tensor;

import dev.burnj.backend.Backend;
import dev.burnj.backend.Comparison;
import dev.burnj.backend.Distribution;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.random.Generator;

/**
 * Ops shared by float and int tensors: arithmetic with broadcasting, ordering comparisons, reductions along a
 * dimension (kept with size 1, as in Burn), sorting and matrix products.
 */
public abstract sealed class NumericTensor<T extends NumericTensor<T, F, I, B>, F extends FloatTensor<F, I, B>, I extends IntTensor<I, F, B>,
        B extends BoolTensor<B, F, I>> extends BaseTensor<T, F, I, B> permits FloatTensor, IntTensor {

    NumericTensor(TensorPrimitive primitive, Rank<F, I, B> rank) {
        super(primitive, rank);
    }

    /** A backend op on two primitives. */
    @FunctionalInterface
    interface BinaryOp {
        TensorPrimitive apply(Backend backend, TensorPrimitive lhs, TensorPrimitive rhs);
    }

    final T binary(String op, T other, BinaryOp fn) {
        OpChecks.binary(op, primitive(), other.primitive());
        return wrap(fn.apply(backend(), primitive(), other.primitive()));
    }

    // ---- arithmetic -----------------------------------------------------------------------------------------

    public final T add(T other) {
        return binary("add", other, Backend::add);
    }

    public final T sub(T other) {
        return binary("sub", other, Backend::sub);
    }

    public final T mul(T other) {
        return binary("mul", other, Backend::mul);
    }

    /** Division; for int tensors floor division, as PyTorch's {@code floor_divide}. */
    public final T div(T other) {
        return binary("div", other, Backend::div);
    }

    public final T add(double value) {
        return wrap(backend().addScalar(primitive(), value));
    }

    public final T sub(double value) {
        return wrap(backend().subScalar(primitive(), value));
    }

    public final T mul(double value) {
        return wrap(backend().mulScalar(primitive(), value));
    }

    public final T div(double value) {
        return wrap(backend().divScalar(primitive(), value));
    }

    /** {@code value - this}. */
    public final T rsub(double value) {
        return wrap(backend().rsubScalar(primitive(), value));
    }

    public final T neg() {
        return wrap(backend().neg(primitive()));
    }

    public final T abs() {
        return wrap(backend().abs(primitive()));
    }

    /** -1, 0 or 1 elementwise. */
    public final T sign() {
        return wrap(backend().sign(primitive()));
    }

    /** Clamps into {@code [min, max]}. */
    public final T clamp(double min, double max) {
        if (min > max) {
            throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
        }
        return wrap(backend().clamp(primitive(), min, max));
    }

    public final T clampMin(double min) {
        return wrap(backend().clamp(primitive(), min, Double.POSITIVE_INFINITY));
    }

    public final T clampMax(double max) {
        return wrap(backend().clamp(primitive(), Double.NEGATIVE_INFINITY, max));
    }

    /** Elementwise maximum. */
    public final T maximum(T other) {
        return binary("maximum", other, Backend::maximum);
    }

    /** Elementwise minimum. */
    public final T minimum(T other) {
        return binary("minimum", other, Backend::minimum);
    }

    // ---- comparison -----------------------------------------------------------------------------------------

    public final B greater(T other) {
        return compare("greater", other, Comparison.GT);
    }

    public final B greaterEqual(T other) {
        return compare("greaterEqual", other, Comparison.GE);
    }

    public final B less(T other) {
        return compare("less", other, Comparison.LT);
    }

    public final B lessEqual(T other) {
        return compare("lessEqual", other, Comparison.LE);
    }

    public final B greater(double value) {
        return rankInfo().boolTensor(backend().compareScalar(primitive(), value, Comparison.GT));
    }

    public final B greaterEqual(double value) {
        return rankInfo().boolTensor(backend().compareScalar(primitive(), value, Comparison.GE));
    }

    public final B less(double value) {
        return rankInfo().boolTensor(backend().compareScalar(primitive(), value, Comparison.LT));
    }

    public final B lessEqual(double value) {
        return rankInfo().boolTensor(backend().compareScalar(primitive(), value, Comparison.LE));
    }

    // ---- reductions along a dimension (kept with size 1) -----------------------------------------------------

    public final T sumDim(int dim) {
        return wrap(backend().sumDim(primitive(), OpChecks.dim("sumDim", shape(), dim)));
    }

    public final T prodDim(int dim) {
        return wrap(backend().prodDim(primitive(), OpChecks.dim("prodDim", shape(), dim)));
    }

    public final T maxDim(int dim) {
        return wrap(backend().maxDim(primitive(), OpChecks.dim("maxDim", shape(), dim)));
    }

    public final T minDim(int dim) {
        return wrap(backend().minDim(primitive(), OpChecks.dim("minDim", shape(), dim)));
    }

    /** Maximum along {@code dim} and the index of its first occurrence. */
    public final ValuesAndIndices<T, I> maxDimWithIndices(int dim) {
        return new ValuesAndIndices<>(maxDim(dim), argmax(dim));
    }

    /** Minimum along {@code dim} and the index of its first occurrence. */
    public final ValuesAndIndices<T, I> minDimWithIndices(int dim) {
        return new ValuesAndIndices<>(minDim(dim), argmin(dim));
    }

    /** Index of the first maximum along {@code dim} (kept with size 1). */
    public final I argmax(int dim) {
        return rankInfo().intTensor(backend().argmax(primitive(), OpChecks.dim("argmax", shape(), dim)));
    }

    /** Index of the first minimum along {@code dim} (kept with size 1). */
    public final I argmin(int dim) {
        return rankInfo().intTensor(backend().argmin(primitive(), OpChecks.dim("argmin", shape(), dim)));
    }

    /** Inclusive running sum along {@code dim}. */
    public final T cumsum(int dim) {
        return wrap(backend().cumsum(primitive(), OpChecks.dim("cumsum", shape(), dim)));
    }

    // ---- ordering -------------------------------------------------------------------------------------------

    /** Values sorted along {@code dim}; stable. */
    public final T sort(int dim, boolean descending) {
        return wrap(backend().sort(primitive(), OpChecks.dim("sort", shape(), dim), descending));
    }

    /** Indices that sort along {@code dim}; stable. */
    public final I argsort(int dim, boolean descending) {
        return rankInfo().intTensor(backend().argsort(primitive(), OpChecks.dim("argsort", shape(), dim), descending));
    }

    /** Sorted values and their indices along {@code dim}. */
    public final ValuesAndIndices<T, I> sortWithIndices(int dim, boolean descending) {
        I indices = argsort(dim, descending);
        return new ValuesAndIndices<>(gather(dim, indices), indices);
    }

    /** The {@code k} largest elements along {@code dim} in descending order, with their indices. */
    public final ValuesAndIndices<T, I> topk(int k, int dim) {
        int d = OpChecks.dim("topk", shape(), dim);
        if (k < 0 || k > shape().dim(d)) {
            throw new IllegalArgumentException("topk: k = " + k + " is out of range for dimension " + dim + " of " + shape());
        }
        try (I order = argsort(d, true)) {
            I indices = order.narrow(d, 0, k);
            return new ValuesAndIndices<>(gather(d, indices), indices);
        }
    }

    // ---- linear algebra -------------------------------------------------------------------------------------

    /**
     * Matrix product over the last two dims, broadcasting the leading (batch) dims. Needs rank 2 or more.
     */
    public final T matmul(T other) {
        Shape a = shape();
        Shape b = other.shape();
        if (a.rank() < 2) {
            throw new IllegalArgumentException("matmul: needs rank >= 2, got " + a + " x " + b);
        }
        OpChecks.sameDevice("matmul", primitive(), other.primitive());
        if (dtype() != other.dtype()) {
            throw new IllegalArgumentException("matmul: " + a + " x " + b + ": dtypes " + dtype() + " and " + other.dtype() + " differ");
        }
        int inner = a.dim(-1);
        if (inner != b.dim(-2)) {
            throw new IllegalArgumentException("matmul: " + a + " x " + b + ": inner dims " + inner + " and " + b.dim(-2) + " differ");
        }
        for (int i = 0; i < a.rank() - 2; i++) {
            if (a.dim(i) != b.dim(i) && a.dim(i) != 1 && b.dim(i) != 1) {
                throw new IllegalArgumentException("matmul: " + a + " x " + b + ": batch dimension " + i + " sizes " + a.dim(i) + " and "
                        + b.dim(i) + " do not broadcast");
            }
        }
        return wrap(backend().matmul(primitive(), other.primitive()));
    }

    // ---- shared by the creation factories of the concrete classes -------------------------------------------

    static TensorPrimitive fullPrimitive(Shape shape, double value, DType dtype, Device device) {
        checkSupported(dtype, device);
        return device.backend().full(shape, value, dtype, device);
    }

    static TensorPrimitive randomPrimitive(Shape shape, Distribution dist, Generator generator, DType dtype, Device device) {
        if (!dtype.isFloat()) {
            throw new IllegalArgumentException("random tensors are float; got dtype " + dtype);
        }
        checkSupported(dtype, device);
        long offset = generator.reserve(shape.numel());
        return device.backend().random(shape, dist, generator.seed(), offset, dtype, device);
    }

    static void checkSupported(DType dtype, Device device) {
        if (!device.backend().supports(dtype)) {
            throw new IllegalArgumentException("backend " + device.backend().name() + " does not support dtype " + dtype);
        }
    }
}
