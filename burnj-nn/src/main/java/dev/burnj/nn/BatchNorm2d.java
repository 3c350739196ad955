package dev.burnj.nn;

import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorOptions;

/** Batch normalisation of {@code [N, C, H, W]} inputs (PyTorch's {@code nn.BatchNorm2d}); see {@link BatchNorm}. */
public final class BatchNorm2d extends BatchNorm {
    BatchNorm2d(BatchNormConfig config, TensorOptions options) {
        super(config, options);
    }

    public Tensor4 forward(Tensor4 input) {
        return normalize(input, Rank.R4);
    }
}
