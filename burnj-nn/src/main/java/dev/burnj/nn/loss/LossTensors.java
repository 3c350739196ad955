package dev.burnj.nn.loss;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;

/** Small helpers the losses share: argument checks and constants made on an input's device and dtype. */
final class LossTensors {
    private LossTensors() {}

    /** Fails unless input and target have the same shape (PyTorch broadcasts with a warning; burnj refuses). */
    static void sameShape(String op, FloatTensor<?, ?, ?> input, FloatTensor<?, ?, ?> target) {
        if (!input.shape().equals(target.shape())) {
            throw new IllegalArgumentException(op + ": input " + input.shape() + " and target " + target.shape() + " differ");
        }
        if (input.dtype() != target.dtype()) {
            throw new IllegalArgumentException(op + ": input dtype " + input.dtype() + " and target dtype " + target.dtype() + " differ");
        }
    }

    /** A rank-1 constant with {@code values}, on {@code like}'s device in its dtype. */
    static Tensor1 constant(double[] values, FloatTensor<?, ?, ?> like) {
        return Tensor1.of(values, TensorOptions.on(like.device()).withDType(like.dtype()));
    }

    /**
     * {@code values} laid along the last dimension of a tensor of {@code like}'s rank ({@code [1, ..., 1, C]}), so that
     * it broadcasts against {@code like}.
     */
    static <T extends FloatTensor<T, ?, ?>> T alongLastDim(String op, double[] values, T like) {
        int last = like.shape().dim(-1);
        if (values.length != last) {
            throw new IllegalArgumentException(op + ": " + values.length + " weights for a last dimension of size " + last + " in " + like.shape());
        }
        int[] dims = new int[like.rank()];
        java.util.Arrays.fill(dims, 1);
        dims[dims.length - 1] = last;
        try (Tensor1 flat = constant(values, like)) {
            return flat.reshape(Shape.of(dims), like.rankWitness());
        }
    }

    /** A one-element constant of {@code like}'s rank ({@code [1, ..., 1]}) that broadcasts against it. */
    static <T extends FloatTensor<T, ?, ?>> T scalar(double value, T like) {
        int[] dims = new int[like.rank()];
        java.util.Arrays.fill(dims, 1);
        try (Tensor1 flat = constant(new double[] {value}, like)) {
            return flat.reshape(Shape.of(dims), like.rankWitness());
        }
    }

    /**
     * Applies {@code op} to {@code x} flattened to rank 1 and restores the shape: lets rank-generic losses use masks,
     * whose bool class a generic {@code T} does not name. {@code op} runs inside a scope that frees its temporaries.
     */
    static <T extends FloatTensor<T, ?, ?>> T onFlat(T x, java.util.function.UnaryOperator<Tensor1> op) {
        try (TensorScope scope = TensorScope.open()) {
            return scope.keep(op.apply(x.flatten()).reshape(x.shape(), x.rankWitness()));
        }
    }
}
