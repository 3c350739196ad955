package dev.burnj.samples.gan;

import dev.burnj.nn.LeakyRelu;
import dev.burnj.nn.LeakyReluConfig;
import dev.burnj.nn.Linear;
import dev.burnj.nn.LinearConfig;
import dev.burnj.nn.Module;
import dev.burnj.nn.Tanh;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;

/**
 * The GAN's generator: noise {@code [batch, 100]} through 256 and 512 hidden units (LeakyReLU 0.2) to 784 pixels in
 * {@code [-1, 1]} (tanh), one flattened 28×28 image per row.
 */
public final class GanGenerator extends Module {
    /** The size of the noise vector each image is generated from. */
    public static final int LATENT = 100;
    /** The number of pixels of an output image (28×28). */
    public static final int PIXELS = 784;

    private final Linear fc1;
    private final Linear fc2;
    private final Linear fc3;
    private final LeakyRelu act;
    private final Tanh out;

    public GanGenerator(TensorOptions options) {
        fc1 = LinearConfig.of(LATENT, 256).init(options);
        fc2 = LinearConfig.of(256, 512).init(options);
        fc3 = LinearConfig.of(512, PIXELS).init(options);
        act = LeakyReluConfig.of().withNegativeSlope(0.2).init();
        out = new Tanh();
    }

    /** Images {@code [batch, 784]} in {@code [-1, 1]} from noise {@code [batch, 100]}. */
    public Tensor2 forward(Tensor2 noise) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor2 h = act.forward(fc1.forward(noise));
            h = act.forward(fc2.forward(h));
            return scope.keep(out.forward(fc3.forward(h)));
        }
    }
}
