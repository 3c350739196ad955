package dev.burnj.samples.gan;

import dev.burnj.nn.LeakyRelu;
import dev.burnj.nn.LeakyReluConfig;
import dev.burnj.nn.Linear;
import dev.burnj.nn.LinearConfig;
import dev.burnj.nn.Module;
import dev.burnj.nn.Sigmoid;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;

/**
 * The GAN's discriminator: flattened images {@code [batch, 784]} through 512 and 256 hidden units (LeakyReLU 0.2) to
 * the probability {@code [batch, 1]} (sigmoid) that each image is real.
 */
public final class GanDiscriminator extends Module {
    private final Linear fc1;
    private final Linear fc2;
    private final Linear fc3;
    private final LeakyRelu act;
    private final Sigmoid out;

    public GanDiscriminator(TensorOptions options) {
        fc1 = LinearConfig.of(GanGenerator.PIXELS, 512).init(options);
        fc2 = LinearConfig.of(512, 256).init(options);
        fc3 = LinearConfig.of(256, 1).init(options);
        act = LeakyReluConfig.of().withNegativeSlope(0.2).init();
        out = new Sigmoid();
    }

    /** The probability {@code [batch, 1]} that each image of {@code [batch, 784]} is real. */
    public Tensor2 forward(Tensor2 images) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor2 h = act.forward(fc1.forward(images));
            h = act.forward(fc2.forward(h));
            return scope.keep(out.forward(fc3.forward(h)));
        }
    }
}
