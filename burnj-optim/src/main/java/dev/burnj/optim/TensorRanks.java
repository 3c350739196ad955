package dev.burnj.optim;

import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorData;
import dev.burnj.tensor.TensorOptions;

/** Uploads host data as a tensor of the same class, shape, device and dtype as a given one (for imported state). */
final class TensorRanks {
    private TensorRanks() {}

    /** {@code data} (same element count as {@code like}) as a tensor shaped, placed and typed like {@code like}. */
    static <T extends FloatTensor<T, ?, ?>> T uploadLike(TensorData data, T like) {
        if (data.size() != like.numel()) {
            throw new IllegalArgumentException("state of " + data.shape() + " does not fit a parameter of " + like.shape());
        }
        TensorData flat = data.convert(like.dtype()).reshape(Shape.of(data.size()));
        try (Tensor1 uploaded = Tensor1.from(flat, like.device())) {
            return uploaded.reshape(like.shape(), like.rankWitness());
        }
    }

    /** Zeros of {@code like}'s shape, dtype and device. */
    static <T extends FloatTensor<T, ?, ?>> T zerosLike(T like) {
        try (Tensor1 flat = Tensor1.zeros(Shape.of(like.shape().numelInt()), TensorOptions.on(like.device()).withDType(like.dtype()))) {
            return flat.reshape(like.shape(), like.rankWitness());
        }
    }
}
