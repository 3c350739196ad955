package dev.burnj.nn;

import dev.burnj.backend.Distribution;
import dev.burnj.random.Generator;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
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

    /** Any rank. Returns a new tensor even when nothing is dropped, so callers may close both. */
    public <F extends FloatTensor<F, ?, ?>> F forward(F input) {
        double p = config.prob();
        if (!isTraining() || p == 0) {
            return input.reshape(input.shape(), input.rankWitness());
        }
        if (p == 1) {
            return input.mul(0.0);
        }
        try (TensorScope scope = TensorScope.open()) {
            TensorOptions options = TensorOptions.on(input.device()).withDType(input.dtype()).withGenerator(generator);
            // The mask is scaled before it meets the input: the same values (x * 1 is exact), and one tracked op with
            // one backward instead of two.
            F mask = Tensor1.random(Shape.of(input.shape().numelInt()), new Distribution.Bernoulli(1 - p), options)
                    .reshape(input.shape(), input.rankWitness()).mul(1.0 / (1 - p));
            return scope.keep(input.mul(mask));
        }
    }
}
