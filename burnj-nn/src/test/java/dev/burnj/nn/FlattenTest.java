package dev.burnj.nn;

import static dev.burnj.nn.Support.CPU;
import static dev.burnj.nn.Support.data;
import static dev.burnj.nn.Support.randoms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorScope;
import org.junit.jupiter.api.Test;

class FlattenTest {
    @Test
    void flattensTheConfiguredRangeKeepingRowMajorOrder() {
        double[] values = randoms(2 * 3 * 4 * 5, 4);
        try (TensorScope scope = TensorScope.open()) {
            Tensor4 x = Tensor4.from(data(values, 2, 3, 4, 5), CPU);
            Tensor2 flat = FlattenConfig.of().init().forward(x);
            assertEquals(Shape.of(2, 60), flat.shape());
            assertArrayEquals(values, flat.toDoubleArray());
            Tensor3 middle = FlattenConfig.of().withEndDim(2).init().forward(x, Rank.R3);
            assertEquals(Shape.of(2, 12, 5), middle.shape());
            assertThrows(IllegalArgumentException.class, () -> FlattenConfig.of().withEndDim(2).init().forward(x));
        }
    }
}
