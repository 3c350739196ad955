package dev.burnj.data.loader;

import dev.burnj.tensor.BaseTensor;
import dev.burnj.tensor.IntTensor1;
import java.util.List;

/**
 * Inputs and class targets of a classification batch, e.g. images as a {@code Tensor2 [B, 784]} or
 * {@code Tensor4 [B, C, H, W]} and targets as an {@code IntTensor1 [B]}.
 *
 * @param inputs the batched inputs, batch dimension first
 * @param targets the class index of each item
 */
public record ClassificationBatch<X extends BaseTensor<X, ?, ?, ?>>(X inputs, IntTensor1 targets) implements TensorBatch {
    @Override
    public List<BaseTensor<?, ?, ?, ?>> tensors() {
        return List.of(inputs, targets);
    }
}
