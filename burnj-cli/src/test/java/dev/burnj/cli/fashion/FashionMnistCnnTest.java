package dev.burnj.cli.fashion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.nn.Param;
import dev.burnj.random.Generator;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The classifier's feature layer: the logits are the last layer applied to it, recomputed here in plain Java. */
class FashionMnistCnnTest {
    @Test
    void logitsAreTheLastLayerOfTheFeatures() {
        TensorOptions options = TensorOptions.defaults().withGenerator(Generator.of(3));
        try (FashionMnistCnn cnn = new FashionMnistCnn(options); Tensor4 images = Tensor4.randn(Shape.of(3, 1, 28, 28), options);
                Tensor2 features = cnn.features(images); Tensor2 logits = cnn.forward(images)) {
            assertEquals(Shape.of(3, 128), features.shape());
            Map<String, Param<?>> params = cnn.namedParameters();
            double[] w = params.get("fc2.weight").value().toDoubleArray();
            double[] b = params.get("fc2.bias").value().toDoubleArray();
            double[] f = features.toDoubleArray();
            double[] out = logits.toDoubleArray();
            for (double v : f) {
                assertTrue(v >= 0, "a ReLU activation: " + v);
            }
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 10; k++) {
                    double sum = b[k];
                    for (int j = 0; j < 128; j++) {
                        sum += f[i * 128 + j] * w[k * 128 + j];
                    }
                    assertEquals(sum, out[i * 10 + k], 1e-4, "logit " + k + " of image " + i);
                }
            }
        }
    }
}
