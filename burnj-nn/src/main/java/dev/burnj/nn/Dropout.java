package dev.burnj.nn;

import dev.burnj.backend.Distribution;
import dev.burnj.random.Generator;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.util.Objects;

/**
 * Inverted dropout (PyTorch's {@code nn.Dropout}): in training mode each element is zeroed with probability {@code p}
 * and the survivors are scaled by {@code 1/(1-p)}, so eval mode is the identity and needs no rescaling. Masks are
 * Bernoulli draws from the layer's generator on the input's device.
 */
public final class Dropout extends Module {
    private final DropoutConfig config;
    private final Generator generator;

    Dropout(DropoutConfig config, Generator generator) {
        this.config = config;
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    public DropoutConfig config() {
        return config;
    }

    public Tensor1 forward(Tensor1 input) {
        return forward(input, Rank.R1);
    }

    public Tensor2 forward(Tensor2 input) {
        return forward(input, Rank.R2);
    }

    public Tensor3 forward(Tensor3 input) {
        return forward(input, Rank.R3);
    }

    public Tensor4 forward(Tensor4 input) {
        return forward(input, Rank.R4);
    }

    /** Any rank, given its witness. Returns a new tensor even when nothing is dropped, so callers may close both. */
    public <F extends FloatTensor<F, ?, ?>> F forward(F input, Rank<F, ?, ?> rank) {
        double p = config.prob();
        if (!isTraining() || p == 0) {
            return input.reshape(input.shape(), rank);
        }
        if (p == 1) {
            return input.mul(0.0);
        }
        try (TensorScope scope = TensorScope.open()) {
            TensorOptions options = TensorOptions.on(input.device()).withDType(input.dtype()).withGenerator(generator);
            F mask = Tensor1.random(Shape.of(input.shape().numelInt()), new Distribution.Bernoulli(1 - p), options)
                    .reshape(input.shape(), rank);
            return scope.keep(input.mul(mask).mul(1.0 / (1 - p)));
        }
    }
}
