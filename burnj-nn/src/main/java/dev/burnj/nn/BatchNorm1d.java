package dev.burnj.nn;

import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorOptions;

/** Batch normalisation of {@code [N, C]} or {@code [N, C, L]} inputs (PyTorch's {@code nn.BatchNorm1d}); see {@link BatchNorm}. */
public final class BatchNorm1d extends BatchNorm {
    BatchNorm1d(BatchNormConfig config, TensorOptions options) {
        super(config, options);
    }

    public Tensor2 forward(Tensor2 input) {
        return normalize(input, Rank.R2);
    }

    public Tensor3 forward(Tensor3 input) {
        return normalize(input, Rank.R3);
    }
}
