package dev.burnj.nn;

import static dev.burnj.nn.Support.AD;
import static dev.burnj.nn.Support.CPU;
import static dev.burnj.nn.Support.assertClose;
import static dev.burnj.nn.Support.data;
import static dev.burnj.nn.Support.f64;
import static dev.burnj.nn.Support.randoms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PositionalEncodingTest {
    /** x + pe from the paper's formula, pe[pos, 2i] = sin(pos / 10000^(2i/d)), pe[pos, 2i+1] = cos(pos / 10000^(2i/d)). */
    private static double[] expected(double[] x, int batch, int length, int d) {
        double[] y = x.clone();
        for (int b = 0; b < batch; b++) {
            for (int pos = 0; pos < length; pos++) {
                for (int c = 0; c < d; c++) {
                    double angle = pos / Math.pow(10000, (c - c % 2) / (double) d);
                    y[(b * length + pos) * d + c] += c % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
                }
            }
        }
        return y;
    }

    @Test
    void addsTheSinusoidsOfThePaperAndSavesNoState() {
        // An even and an odd width, and a long sequence whose angles reach the table's far end.
        for (int[] size : new int[][] {{2, 7, 8}, {1, 3, 5}, {1, 300, 6}}) {
            int batch = size[0], length = size[1], d = size[2];
            double[] x = randoms(batch * length * d, 200 + d);
            try (PositionalEncoding pe = PositionalEncodingConfig.of(d).withMaxLength(300).init(f64(CPU)); TensorScope scope = TensorScope.open()) {
                pe.eval();
                Tensor3 out = pe.forward(Tensor3.from(data(x, batch, length, d), CPU));
                assertEquals(Shape.of(batch, length, d), out.shape());
                assertClose(expected(x, batch, length, d), out.toDoubleArray(), 1e-12);
                assertTrue(pe.namedState().isEmpty(), "the table is recomputed, not saved");
                assertEquals(0, pe.numParams());
            }
        }
    }

    @Test
    void followsTheInputsDeviceAndDtype() {
        double[] x = randoms(2 * 3 * 4, 210);
        try (PositionalEncoding pe = PositionalEncodingConfig.of(4).withMaxLength(10).init(TensorOptions.on(CPU)); TensorScope scope = TensorScope.open()) {
            pe.eval();
            Tensor3 src = Tensor3.from(data(x, 2, 3, 4), AD).requireGrad();
            Tensor3 out = pe.forward(src);
            assertEquals(DType.F64, out.dtype());
            assertEquals(AD, out.device());
            assertClose(expected(x, 2, 3, 4), out.toDoubleArray(), 1e-6);
            // The encoding is a constant, so the gradient of sum(r · out) w.r.t. the input is r itself.
            double[] r = randoms(x.length, 211);
            try (Grads grads = out.mul(Tensor3.from(data(r, 2, 3, 4), AD)).sum().backward()) {
                assertArrayEquals(r, grads.get(src).toDoubleArray(), 1e-12);
            }
        }
    }

    @Test
    void dropoutActsOnlyInTraining() {
        double[] x = randoms(2 * 5 * 6, 220);
        try (PositionalEncoding pe = PositionalEncodingConfig.of(6).withDropout(0.5).init(f64(CPU)); TensorScope scope = TensorScope.open()) {
            Tensor3 src = Tensor3.from(data(x, 2, 5, 6), CPU);
            double[] train = pe.forward(src).toDoubleArray();
            double[] sum = expected(x, 2, 5, 6);
            int dropped = 0;
            for (int i = 0; i < train.length; i++) {
                assertTrue(train[i] == 0 || Math.abs(train[i] - 2 * sum[i]) < 1e-12, "element " + i + ": " + train[i]);
                dropped += train[i] == 0 ? 1 : 0;
            }
            assertTrue(dropped > 0 && dropped < train.length, dropped + " dropped");
            pe.eval();
            assertClose(sum, pe.forward(src).toDoubleArray(), 1e-12);
        }
        try (PositionalEncoding pe = PositionalEncodingConfig.of(6).init(f64(CPU)); TensorScope scope = TensorScope.open()) {
            Tensor3 src = Tensor3.from(data(x, 2, 5, 6), CPU);
            assertFalse(Arrays.equals(expected(x, 2, 5, 6), pe.forward(src).toDoubleArray()), "the default dropout 0.1 is active in training");
        }
    }

    @Test
    void rejectsTooLongOrTooWideInputs() {
        try (PositionalEncoding pe = PositionalEncodingConfig.of(4).withMaxLength(3).init(f64(CPU)); TensorScope scope = TensorScope.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pe.forward(Tensor3.zeros(Shape.of(1, 4, 4), f64(CPU))));
            assertTrue(e.getMessage().equals("PositionalEncoding: input [1, 4, 4] has length 4 in dimension 1, more than maxLength 3"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> pe.forward(Tensor3.zeros(Shape.of(1, 3, 5), f64(CPU))));
            assertTrue(e.getMessage().startsWith("PositionalEncoding:") && e.getMessage().contains("expected 4"), e.getMessage());
        }
        PositionalEncodingConfig defaults = PositionalEncodingConfig.of(16);
        assertEquals(5000, defaults.maxLength());
        assertEquals(0.1, defaults.dropout());
        assertThrows(IllegalArgumentException.class, () -> PositionalEncodingConfig.of(0));
        assertThrows(IllegalArgumentException.class, () -> PositionalEncodingConfig.of(4).withDropout(-0.1));
    }
}
