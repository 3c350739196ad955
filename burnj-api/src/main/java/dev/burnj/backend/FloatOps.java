package dev.burnj.backend;

import dev.burnj.random.Philox;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;

/**
 * Float-only math: transcendental functions, powers, means and variances, random sampling. Defaults are
 * compositions of other ops, so the autodiff decorator differentiates them without extra code; a backend
 * overrides them when it has a faster kernel.
 */
public interface FloatOps extends NumericOps {
    /**
     * Samples {@code shape} values of {@code distribution} from positions {@code offset ...} of the Philox
     * stream {@code seed}. An override must produce exactly the values of {@link Philox#sample}.
     */
    default TensorPrimitive random(Shape shape, Distribution distribution, long seed, long offset, DType dtype, Device device) {
        double[] values = Philox.samples(distribution, seed, offset, shape.numelInt());
        return fromData(TensorData.fromDoubles(values, shape, dtype), device);
    }

    TensorPrimitive exp(TensorPrimitive tensor);

    TensorPrimitive log(TensorPrimitive tensor);

    TensorPrimitive log1p(TensorPrimitive tensor);

    TensorPrimitive sqrt(TensorPrimitive tensor);

    default TensorPrimitive rsqrt(TensorPrimitive tensor) {
        TensorPrimitive root = sqrt(tensor);
        try {
            return recip(root);
        } finally {
            root.release();
        }
    }

    /** {@code 1 / x}. */
    TensorPrimitive recip(TensorPrimitive tensor);

    TensorPrimitive sin(TensorPrimitive tensor);

    TensorPrimitive cos(TensorPrimitive tensor);

    TensorPrimitive tanh(TensorPrimitive tensor);

    TensorPrimitive erf(TensorPrimitive tensor);

    TensorPrimitive floor(TensorPrimitive tensor);

    TensorPrimitive ceil(TensorPrimitive tensor);

    /** Rounds half to even, as PyTorch does. */
    TensorPrimitive round(TensorPrimitive tensor);

    /** {@code lhs ^ rhs} elementwise with broadcasting. */
    TensorPrimitive pow(TensorPrimitive lhs, TensorPrimitive rhs);

    TensorPrimitive powScalar(TensorPrimitive tensor, double exponent);

    /** Mean of all elements, shape {@code [1]}. */
    default TensorPrimitive mean(TensorPrimitive tensor) {
        TensorPrimitive s = sum(tensor);
        try {
            return divScalar(s, tensor.shape().numel());
        } finally {
            s.release();
        }
    }

    default TensorPrimitive meanDim(TensorPrimitive tensor, int dim) {
        TensorPrimitive s = sumDim(tensor, dim);
        try {
            return divScalar(s, tensor.shape().dim(dim));
        } finally {
            s.release();
        }
    }

    /** Variance along {@code dim} with {@code correction} (1 = Bessel's correction), dim kept. */
    default TensorPrimitive var(TensorPrimitive tensor, int dim, int correction) {
        TensorPrimitive mean = meanDim(tensor, dim);
        TensorPrimitive centered = sub(tensor, mean);
        mean.release();
        TensorPrimitive squared = mul(centered, centered);
        centered.release();
        TensorPrimitive total = sumDim(squared, dim);
        squared.release();
        try {
            return divScalar(total, Math.max(0, tensor.shape().dim(dim) - correction));
        } finally {
            total.release();
        }
    }

    /** {@code log(sum(exp(x)))} along {@code dim}, computed stably by shifting by the maximum; dim kept. */
    default TensorPrimitive logSumExp(TensorPrimitive tensor, int dim) {
        TensorPrimitive rawMax = maxDim(tensor, dim);
        // The shift is a constant for the result's value; detaching it keeps the gradient exactly softmax.
        TensorPrimitive max = detachForComposition(rawMax);
        rawMax.release();
        TensorPrimitive shifted = sub(tensor, max);
        TensorPrimitive e = exp(shifted);
        shifted.release();
        TensorPrimitive s = sumDim(e, dim);
        e.release();
        TensorPrimitive l = log(s);
        s.release();
        try {
            return add(l, max);
        } finally {
            l.release();
            max.release();
        }
    }

    /**
     * A value-equal tensor that carries no gradient. Plain backends return a new reference; the autodiff
     * decorator overrides it to cut the graph.
     */
    default TensorPrimitive detachForComposition(TensorPrimitive tensor) {
        return tensor.retain();
    }
}
