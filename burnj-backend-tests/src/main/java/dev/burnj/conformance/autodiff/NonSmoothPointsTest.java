package dev.burnj.conformance.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.burnj.backend.Gradients;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.tensor.Shape;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Gradients at points where finite differences cannot decide: ties, clamp boundaries, kinks and zeros of a product.
 * The conventions follow PyTorch, except that max/min over a whole tensor pick the first extreme element, as argmax does.
 */
class NonSmoothPointsTest extends AutodiffTestBase {
    private static final double EPS = 1e-6;

    NonSmoothPointsTest(BackendUnderTest backend) {
        super(backend);
    }

    /** The gradient of {@code sum(op(x))} for a 1-D leaf with the given values. */
    private double[] gradOfSum(UnaryOperator<TensorPrimitive> op, Shape shape, double... values) {
        TensorPrimitive x = f.leaf(shape, values);
        TensorPrimitive loss = f.own(ad.sum(f.own(op.apply(x))));
        try (Gradients g = f.backward(loss)) {
            return f.gradient(g, x);
        }
    }

    @Test
    void maximumAndMinimumSplitTiesEvenly() {
        TensorPrimitive a = f.leaf(1, 5, 3);
        TensorPrimitive b = f.leaf(2, 5, 1);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.add(f.own(ad.maximum(a, b)), f.own(ad.mulScalar(f.own(ad.minimum(a, b)), 10))))));
        try (Gradients g = f.backward(loss)) {
            assertArrayEquals(new double[] {10, 5.5, 1}, f.gradient(g, a), EPS);
            assertArrayEquals(new double[] {1, 5.5, 10}, f.gradient(g, b), EPS);
        }
    }

    @Test
    void clampPassesTheGradientOnItsBoundaries() {
        assertArrayEquals(new double[] {0, 1, 1, 1, 0}, gradOfSum(x -> ad.clamp(x, -1, 1), Shape.of(5), -2, -1, 0, 1, 2), EPS);
    }

    @Test
    void maxAndMinOverEverythingPickTheFirstExtreme() {
        assertArrayEquals(new double[] {0, 1, 0, 0}, gradOfSum(ad::max, Shape.of(2, 2), 1, 7, 7, 3), EPS);
        assertArrayEquals(new double[] {0, 0, 1, 0}, gradOfSum(ad::min, Shape.of(2, 2), 4, 7, -2, -2), EPS);
    }

    @Test
    void maxDimPicksTheFirstExtremeOfEachLane() {
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, gradOfSum(x -> ad.maxDim(x, 1), Shape.of(2, 3), 4, 4, 1, 0, 9, 9), EPS);
        assertArrayEquals(new double[] {1, 1, 0, 0, 0, 1}, gradOfSum(x -> ad.minDim(x, 0), Shape.of(2, 3), 2, 2, 8, 2, 3, 5), EPS);
    }

    @Test
    void reluAndAbsHaveZeroGradientAtZero() {
        assertArrayEquals(new double[] {0, 0, 1}, gradOfSum(ad::relu, Shape.of(3), -1, 0, 2), EPS);
        assertArrayEquals(new double[] {-1, 0, 1}, gradOfSum(ad::abs, Shape.of(3), -3, 0, 2), EPS);
    }

    @Test
    void piecewiseConstantOpsGiveZeroGradients() {
        assertArrayEquals(new double[] {0, 0}, gradOfSum(ad::sign, Shape.of(2), -1.5, 2), EPS);
        assertArrayEquals(new double[] {0, 0}, gradOfSum(ad::floor, Shape.of(2), -1.5, 2.5), EPS);
        assertArrayEquals(new double[] {0, 0}, gradOfSum(ad::round, Shape.of(2), -1.5, 2.5), EPS);
    }

    @Test
    void prodHandlesZeros() {
        assertArrayEquals(new double[] {6, 3, 2}, gradOfSum(ad::prod, Shape.of(3), 1, 2, 3), EPS);
        // One zero: only it gets the product of the others. Two zeros: everything is 0.
        assertArrayEquals(new double[] {0, 6, 0}, gradOfSum(ad::prod, Shape.of(3), 2, 0, 3), EPS);
        assertArrayEquals(new double[] {0, 0, 0}, gradOfSum(ad::prod, Shape.of(3), 0, 0, 3), EPS);
        assertArrayEquals(new double[] {0, 5, 0, 0, 0, 0}, gradOfSum(x -> ad.prodDim(x, 1), Shape.of(2, 3), 5, 0, 1, 0, 0, 1), EPS);
    }

    @Test
    void powFollowsPyTorchAtZero() {
        TensorPrimitive base = f.leaf(0, 0, 2);
        TensorPrimitive exponent = f.leaf(0, 2, 3);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.pow(base, exponent))));
        try (Gradients g = f.backward(loss)) {
            // d/da = b a^(b-1), 0 where b == 0; d/db = a^b ln a, 0 where a == 0 and b >= 0.
            assertArrayEquals(new double[] {0, 0, 12}, f.gradient(g, base), 1e-5);
            assertArrayEquals(new double[] {0, 0, 8 * Math.log(2)}, f.gradient(g, exponent), 1e-5);
        }
    }
}
