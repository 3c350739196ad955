package dev.burnj.nn;

import static dev.burnj.nn.Support.AD;
import static dev.burnj.nn.Support.CPU;
import static dev.burnj.nn.Support.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnj.tensor.Grads;
import dev.burnj.tensor.IntTensor2;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingTest {
    @Test
    void weightIsStandardNormalWithPytorchShape() {
        Embedding table = EmbeddingConfig.of(1000, 100).init(f64(CPU));
        assertEquals(List.of("weight"), List.copyOf(table.namedParameters().keySet()));
        assertEquals(Shape.of(1000, 100), table.weight().shape());
        double[] w = table.weight().value().toDoubleArray();
        assertEquals(0, Support.mean(w), 0.01);
        assertEquals(1, Support.std(w), 0.01);
    }

    @Test
    void lookupReturnsRowsAndGradientsCountUses() {
        Embedding table = EmbeddingConfig.of(5, 3).init(f64(AD));
        double[] w = table.weight().value().toDoubleArray();
        long[][] ids = {{1, 4, 1}, {0, 1, 2}};
        try (TensorScope scope = TensorScope.open()) {
            Tensor3 out = table.forward(IntTensor2.of(ids, TensorOptions.on(AD)));
            assertEquals(Shape.of(2, 3, 3), out.shape());
            double[] values = out.toDoubleArray();
            for (int b = 0; b < 2; b++) {
                for (int s = 0; s < 3; s++) {
                    int row = (int) ids[b][s];
                    assertArrayEquals(Arrays.copyOfRange(w, row * 3, row * 3 + 3), Arrays.copyOfRange(values, (b * 3 + s) * 3, (b * 3 + s) * 3 + 3));
                }
            }
            try (Grads grads = out.sum().backward()) {
                double[] expected = new double[15];
                int[] uses = {1, 3, 1, 0, 1};
                for (int r = 0; r < 5; r++) {
                    Arrays.fill(expected, r * 3, r * 3 + 3, uses[r]);
                }
                assertArrayEquals(expected, grads.get(table.weight().value()).toDoubleArray());
            }
        }
    }
}
