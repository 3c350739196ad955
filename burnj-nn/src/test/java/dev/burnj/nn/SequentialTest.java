package dev.burnj.nn;

import static dev.burnj.nn.Support.AD;
import static dev.burnj.nn.Support.CPU;
import static dev.burnj.nn.Support.assertClose;
import static dev.burnj.nn.Support.data;
import static dev.burnj.nn.Support.f64;
import static dev.burnj.nn.Support.randoms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorScope;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequentialTest {
    @Test
    void appliesLayersInOrderWithIndexedNames() {
        Linear fc1 = LinearConfig.of(4, 5).init(f64(CPU));
        Relu relu = new Relu();
        Linear fc2 = LinearConfig.of(5, 2).init(f64(CPU));
        Sequential<Tensor2> mlp = Sequential.builder(Tensor2.class).add(fc1, fc1::forward).add(relu, relu::forward).add(fc2, fc2::forward).build();
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"),
                List.copyOf(mlp.namedParameters().keySet()));
        assertEquals(3, mlp.layers().size());
        double[] x = randoms(3 * 4, 50);
        double[] h = Reference.linear(x, 3, 4, fc1.weight().value().toDoubleArray(), 5, fc1.bias().value().toDoubleArray());
        for (int i = 0; i < h.length; i++) {
            h[i] = Math.max(h[i], 0);
        }
        double[] expected = Reference.linear(h, 3, 5, fc2.weight().value().toDoubleArray(), 2, fc2.bias().value().toDoubleArray());
        try (TensorScope scope = TensorScope.open()) {
            Tensor2 input = Tensor2.from(data(x, 3, 4), CPU);
            assertClose(expected, mlp.forward(input).toDoubleArray(), 1e-12);
            assertFalse(input.isClosed(), "the input stays the caller's");
        }
    }

    @Test
    void aConvolutionalStackTrainsEndToEnd() {
        Conv2d conv = Conv2dConfig.of(1, 2, 3).withPadding(1).init(f64(AD));
        BatchNorm2d bn = BatchNormConfig.of(2).init2d(f64(AD));
        Relu relu = new Relu();
        MaxPool2d pool = MaxPool2dConfig.of(2).init();
        Sequential<Tensor4> features = Sequential.builder(Tensor4.class)
                .add(conv, conv::forward).add(bn, bn::forward).add(relu, relu::forward).add(pool, pool::forward).build();
        Flatten flatten = FlattenConfig.of().init();
        Linear head = LinearConfig.of(2 * 2 * 2, 3).init(f64(AD));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean",
                "1.running_var", "1.num_batches_tracked"), List.copyOf(features.namedState().keySet()));
        try (TensorScope scope = TensorScope.open()) {
            Tensor4 x = Tensor4.randn(Shape.of(2, 1, 4, 4), f64(AD));
            Tensor2 logits = head.forward(flatten.forward(features.forward(x)));
            assertEquals(Shape.of(2, 3), logits.shape());
            try (Grads grads = logits.pow(2).sum().backward()) {
                assertEquals(Shape.of(2, 1, 3, 3), grads.get(conv.weight().value()).shape());
                assertEquals(Shape.of(2), grads.get(bn.weight().value()).shape());
            }
        }
    }

    @Test
    void anEmptySequenceIsRejected() {
        assertThrows(IllegalStateException.class, () -> Sequential.builder(Tensor2.class).build());
    }
}
