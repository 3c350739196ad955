package dev.burnj.tensor;

import dev.burnj.backend.AutodiffOps;
import dev.burnj.backend.TensorPrimitive;

/**
 * Float tensors of any rank: math, activations, statistics, casts between float dtypes, and the autodiff entry
 * points ({@link #requireGrad()}, {@link #backward()}, {@link #detach()}). Concrete classes are
 * {@link Tensor1} to {@link Tensor5}.
 */
public abstract sealed class FloatTensor<T extends FloatTensor<T, I, B>, I extends IntTensor<I, T, B>, B extends BoolTensor<B, T, I>>
        extends NumericTensor<T, T, I, B> permits Tensor1, Tensor2, Tensor3, Tensor4, Tensor5 {

    FloatTensor(TensorPrimitive primitive, Rank<T, I, B> rank) {
        super(primitive, rank);
    }

    @Override
    final T wrap(TensorPrimitive primitive) {
        return rankInfo().floatTensor(primitive);
    }

    @Override
    public final Kind kind() {
        return Kind.FLOAT;
    }

    // ---- elementwise math -----------------------------------------------------------------------------------

    public final T exp() {
        return wrap(backend().exp(primitive()));
    }

    public final T log() {
        return wrap(backend().log(primitive()));
    }

    /** {@code log(1 + x)}, accurate near zero. */
    public final T log1p() {
        return wrap(backend().log1p(primitive()));
    }

    public final T sqrt() {
        return wrap(backend().sqrt(primitive()));
    }

    /** {@code 1 / sqrt(x)}. */
    public final T rsqrt() {
        return wrap(backend().rsqrt(primitive()));
    }

    /** {@code 1 / x}. */
    public final T recip() {
        return wrap(backend().recip(primitive()));
    }

    public final T sin() {
        return wrap(backend().sin(primitive()));
    }

    public final T cos() {
        return wrap(backend().cos(primitive()));
    }

    public final T tanh() {
        return wrap(backend().tanh(primitive()));
    }

    public final T erf() {
        return wrap(backend().erf(primitive()));
    }

    /** Rounds down; has no gradient. */
    public final T floor() {
        return wrap(backend().floor(primitive()));
    }

    /** Rounds up; has no gradient. */
    public final T ceil() {
        return wrap(backend().ceil(primitive()));
    }

    /** Rounds half to even; has no gradient. */
    public final T round() {
        return wrap(backend().round(primitive()));
    }

    /** {@code this ^ exponent} elementwise with broadcasting. */
    public final T pow(T exponent) {
        return binary("pow", exponent, (b, x, y) -> b.pow(x, y));
    }

    public final T pow(double exponent) {
        return wrap(backend().powScalar(primitive(), exponent));
    }

    // ---- activations ----------------------------------------------------------------------------------------

    public final T relu() {
        return wrap(backend().relu(primitive()));
    }

    public final T leakyRelu(double negativeSlope) {
        return wrap(backend().leakyRelu(primitive(), negativeSlope));
    }

    public final T sigmoid() {
        return wrap(backend().sigmoid(primitive()));
    }

    /** Exact GELU, {@code x * Phi(x)}. */
    public final T gelu() {
        return wrap(backend().gelu(primitive(), false));
    }

    /** GELU with PyTorch's {@code approximate='tanh'} formula. */
    public final T geluTanh() {
        return wrap(backend().gelu(primitive(), true));
    }

    /** {@code x * sigmoid(x)}. */
    public final T silu() {
        return wrap(backend().silu(primitive()));
    }

    /** {@code log(1 + exp(beta x)) / beta}. */
    public final T softplus(double beta) {
        return wrap(backend().softplus(primitive(), beta));
    }

    public final T softmax(int dim) {
        return wrap(backend().softmax(primitive(), OpChecks.dim("softmax", shape(), dim)));
    }

    public final T logSoftmax(int dim) {
        return wrap(backend().logSoftmax(primitive(), OpChecks.dim("logSoftmax", shape(), dim)));
    }

    // ---- reductions -----------------------------------------------------------------------------------------

    /** Sum of all elements, shape {@code [1]}. */
    public final Tensor1 sum() {
        return Rank.R1.floatTensor(backend().sum(primitive()));
    }

    /** Mean of all elements, shape {@code [1]}. */
    public final Tensor1 mean() {
        return Rank.R1.floatTensor(backend().mean(primitive()));
    }

    /** Product of all elements, shape {@code [1]}. */
    public final Tensor1 prod() {
        return Rank.R1.floatTensor(backend().prod(primitive()));
    }

    /** Largest element, shape {@code [1]}. */
    public final Tensor1 max() {
        return Rank.R1.floatTensor(backend().max(primitive()));
    }

    /** Smallest element, shape {@code [1]}. */
    public final Tensor1 min() {
        return Rank.R1.floatTensor(backend().min(primitive()));
    }

    /** Mean along {@code dim} (kept with size 1). */
    public final T meanDim(int dim) {
        return wrap(backend().meanDim(primitive(), OpChecks.dim("meanDim", shape(), dim)));
    }

    /** Variance along {@code dim} with {@code correction} (1 for the unbiased estimate), dim kept. */
    public final T var(int dim, int correction) {
        return wrap(backend().var(primitive(), OpChecks.dim("var", shape(), dim), correction));
    }

    /** Standard deviation along {@code dim} with {@code correction}, dim kept. */
    public final T std(int dim, int correction) {
        try (T v = var(dim, correction)) {
            return v.sqrt();
        }
    }

    /** {@code log(sum(exp(x)))} along {@code dim}, computed stably; dim kept. */
    public final T logSumExp(int dim) {
        return wrap(backend().logSumExp(primitive(), OpChecks.dim("logSumExp", shape(), dim)));
    }

    /**
     * The {@code p}-norm of all elements ({@code p = 1}: sum of magnitudes, {@code 2}: Euclidean,
     * {@code Double.POSITIVE_INFINITY}: largest magnitude), shape {@code [1]}.
     */
    public final Tensor1 norm(double p) {
        try (Tensor1 flat = flatten()) {
            return flat.normDim(p, 0);
        }
    }

    /** The {@code p}-norm along {@code dim}, dim kept. */
    public final T normDim(double p, int dim) {
        int d = OpChecks.dim("normDim", shape(), dim);
        if (!(p > 0)) {
            throw new IllegalArgumentException("normDim: p must be > 0, got " + p);
        }
        try (T magnitude = abs()) {
            if (p == Double.POSITIVE_INFINITY) {
                return magnitude.maxDim(d);
            }
            if (p == 1.0) {
                return magnitude.sumDim(d);
            }
            try (T powered = magnitude.pow(p); T summed = powered.sumDim(d)) {
                return summed.pow(1.0 / p);
            }
        }
    }

    // ---- conversion -----------------------------------------------------------------------------------------

    /** The same values in another float dtype. */
    public final T cast(DType target) {
        if (!target.isFloat()) {
            throw new IllegalArgumentException("cast: " + target + " is not a float dtype; use toInt() or toBool()");
        }
        NumericTensor.checkSupported(target, device());
        return wrap(backend().cast(primitive(), target));
    }

    /** The single value of a one-element tensor. */
    public final double item() {
        if (numel() != 1) {
            throw new IllegalStateException("item: tensor " + shape() + " has " + numel() + " elements, not 1");
        }
        return toData().getDouble(0);
    }

    /** All values, row-major, as floats. */
    public final float[] toFloatArray() {
        return toData().toFloats();
    }

    /** All values, row-major, as doubles. */
    public final double[] toDoubleArray() {
        return toData().toDoubles();
    }

    // ---- rank-changing views --------------------------------------------------------------------------------

    public final Tensor1 reshape(int d0) {
        return Rank.R1.floatTensor(reshapePrimitive("reshape", d0));
    }

    public final Tensor2 reshape(int d0, int d1) {
        return Rank.R2.floatTensor(reshapePrimitive("reshape", d0, d1));
    }

    public final Tensor3 reshape(int d0, int d1, int d2) {
        return Rank.R3.floatTensor(reshapePrimitive("reshape", d0, d1, d2));
    }

    public final Tensor4 reshape(int d0, int d1, int d2, int d3) {
        return Rank.R4.floatTensor(reshapePrimitive("reshape", d0, d1, d2, d3));
    }

    public final Tensor5 reshape(int d0, int d1, int d2, int d3, int d4) {
        return Rank.R5.floatTensor(reshapePrimitive("reshape", d0, d1, d2, d3, d4));
    }

    /** Reshapes to {@code shape}, whose rank must be that of the witness {@code rank}. */
    public final <F extends FloatTensor<F, ?, ?>> F reshape(Shape shape, Rank<F, ?, ?> rank) {
        Creation.checkRank(rank, "reshape", shape);
        return rank.floatTensor(reshapePrimitive("reshape", shape.dims()));
    }

    /** All elements in one dimension. */
    public final Tensor1 flatten() {
        return Rank.R1.floatTensor(reshapePrimitive("flatten", -1));
    }

    /** Merges dims {@code start..end} (inclusive) into one; the result rank is checked against {@code rank}. */
    public final <F extends FloatTensor<F, ?, ?>> F flatten(int start, int end, Rank<F, ?, ?> rank) {
        return rank.floatTensor(flattenPrimitive(start, end, rank.rank()));
    }

    // ---- autodiff -------------------------------------------------------------------------------------------

    /** A leaf with the same values whose gradient {@link #backward()} reports. Needs an autodiff device. */
    public final T requireGrad() {
        return wrap(autodiff("requireGrad").requireGrad(primitive()));
    }

    /** Whether gradients flow to or through this tensor. */
    public final boolean requiresGrad() {
        return backend().isAutodiff() && backend().autodiffOps().requiresGrad(primitive());
    }

    /** The same values cut from the autodiff graph (a plain copy of the reference on non-autodiff devices). */
    public final T detach() {
        return backend().isAutodiff() ? wrap(backend().autodiffOps().detach(primitive())) : wrap(primitive().retain());
    }

    /** Reverse-mode autodiff from this one-element tensor (a loss); frees the graph behind it. */
    public final Grads backward() {
        if (numel() != 1) {
            throw new IllegalArgumentException("backward: tensor " + shape() + " has " + numel()
                    + " elements; call backward(seed) with a gradient of the same shape, or reduce it to one element first");
        }
        return new Grads(autodiff("backward").backward(primitive(), null));
    }

    /** Reverse-mode autodiff from this tensor, seeded with the gradient {@code seed} (same shape). */
    public final Grads backward(T seed) {
        if (!seed.shape().equals(shape())) {
            throw new IllegalArgumentException("backward: seed " + seed.shape() + " and tensor " + shape() + " differ");
        }
        OpChecks.binary("backward", primitive(), seed.primitive());
        return new Grads(autodiff("backward").backward(primitive(), seed.primitive()));
    }

    /** This tensor's gradient in {@code grads} (see {@link Grads#get}). */
    public final T grad(Grads grads) {
        return grads.get(self());
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    private AutodiffOps autodiff(String op) {
        if (!backend().isAutodiff()) {
            throw new IllegalStateException(op + ": tensor " + shape() + " is on " + device()
                    + ", which does not track gradients; create it on device.autodiff()");
        }
        return backend().autodiffOps();
    }
}
