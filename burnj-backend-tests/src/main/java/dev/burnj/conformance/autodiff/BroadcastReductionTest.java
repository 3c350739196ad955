package dev.burnj.conformance.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnj.backend.Gradients;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.tensor.Shape;
import org.junit.jupiter.api.Test;

/** The gradient of a broadcast input is summed over the broadcast dimensions back to the input's shape. */
class BroadcastReductionTest extends AutodiffTestBase {
    private static final double EPS = 1e-5;

    BroadcastReductionTest(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void addSumsOverTheBroadcastRows() {
        TensorPrimitive a = f.leaf(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        TensorPrimitive b = f.leaf(Shape.of(1, 3), 10, 20, 30);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.add(a, b))));
        try (Gradients g = f.backward(loss)) {
            assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, f.gradient(g, a), EPS);
            assertArrayEquals(new double[] {2, 2, 2}, f.gradient(g, b), EPS);
            assertShape(g, b, Shape.of(1, 3));
        }
    }

    @Test
    void mulGradientsAreTheOtherSideReduced() {
        TensorPrimitive a = f.leaf(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        TensorPrimitive b = f.leaf(Shape.of(2, 1), 10, 20);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.mul(a, b))));
        try (Gradients g = f.backward(loss)) {
            assertArrayEquals(new double[] {10, 10, 10, 20, 20, 20}, f.gradient(g, a), EPS);
            assertArrayEquals(new double[] {6, 15}, f.gradient(g, b), EPS);
        }
    }

    @Test
    void subReducesOverEveryBroadcastDim() {
        TensorPrimitive a = f.leaf(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        TensorPrimitive b = f.leaf(Shape.of(1, 1), 100);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.sub(a, b))));
        try (Gradients g = f.backward(loss)) {
            assertArrayEquals(new double[] {-6}, f.gradient(g, b), EPS);
            assertShape(g, b, Shape.of(1, 1));
        }
    }

    @Test
    void divReducesBothSides() {
        TensorPrimitive a = f.leaf(Shape.of(2, 2), 2, 4, 6, 8);
        TensorPrimitive b = f.leaf(Shape.of(1, 2), 2, 4);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.div(a, b))));
        try (Gradients g = f.backward(loss)) {
            assertArrayEquals(new double[] {0.5, 0.25, 0.5, 0.25}, f.gradient(g, a), EPS);
            // d/db sum(a / b) = -sum_rows(a) / b^2
            assertArrayEquals(new double[] {-8.0 / 4, -12.0 / 16}, f.gradient(g, b), EPS);
        }
    }

    @Test
    void expandSumsTheCopies() {
        TensorPrimitive x = f.leaf(Shape.of(1, 3), 1, 2, 3);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.expand(x, Shape.of(4, 3)))));
        try (Gradients g = f.backward(loss)) {
            assertArrayEquals(new double[] {4, 4, 4}, f.gradient(g, x), EPS);
        }
    }

    @Test
    void matmulReducesBroadcastBatchDims() {
        double[] av = new double[12];
        for (int i = 0; i < av.length; i++) {
            av[i] = i + 1;
        }
        TensorPrimitive a = f.leaf(Shape.of(2, 2, 3), av);
        TensorPrimitive b = f.leaf(Shape.of(1, 3, 2), 1, 2, 3, 4, 5, 6);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.matmul(a, b))));
        try (Gradients g = f.backward(loss)) {
            // dA[., m, k] = sum_n B[k, n]: rows of B sum to 3, 7, 11.
            assertArrayEquals(new double[] {3, 7, 11, 3, 7, 11, 3, 7, 11, 3, 7, 11}, f.gradient(g, a), EPS);
            // dB[k, n] = sum over batches and rows of A[., ., k]: 1+4+7+10 = 22, then 26, 30.
            assertArrayEquals(new double[] {22, 22, 26, 26, 30, 30}, f.gradient(g, b), EPS);
            assertShape(g, b, Shape.of(1, 3, 2));
        }
    }

    private static void assertShape(Gradients g, TensorPrimitive leaf, Shape expected) {
        TensorPrimitive grad = g.get(leaf);
        try {
            assertEquals(expected, grad.shape(), "gradient shape equals the leaf's shape");
        } finally {
            grad.release();
        }
    }
}
