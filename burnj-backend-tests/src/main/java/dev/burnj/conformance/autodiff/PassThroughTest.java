package dev.burnj.conformance.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.Comparison;
import dev.burnj.backend.Gradients;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import org.junit.jupiter.api.Test;

/**
 * Int and bool tensors pass through untracked but are still autodiff tensors on the autodiff device, and ops that
 * leave the float domain (comparisons, argmax, casts to int) end the graph.
 */
class PassThroughTest extends AutodiffTestBase {
    private static final double EPS = 1e-5;

    PassThroughTest(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void intOpsComputeAndStayOnTheAutodiffDevice() {
        TensorPrimitive a = f.longs(Shape.of(3), 7, -7, 9);
        TensorPrimitive b = f.longs(Shape.of(3), 2, 2, 4);
        TensorPrimitive sum = onAutodiffDevice(f.own(ad.add(a, b)));
        TensorPrimitive rem = onAutodiffDevice(f.own(ad.remainder(a, b)));
        assertEquals(DType.I64, sum.dtype());
        assertArrayEquals(new double[] {9, -5, 13}, f.values(sum), 0.0);
        assertArrayEquals(new double[] {1, 1, 1}, f.values(rem), 0.0);
        assertFalse(f.grad().requiresGrad(sum));
    }

    @Test
    void boolOpsPassThrough() {
        TensorPrimitive x = f.leaf(-1, 0, 2);
        TensorPrimitive positive = onAutodiffDevice(f.own(ad.compareScalar(x, 0, Comparison.GT)));
        TensorPrimitive negative = onAutodiffDevice(f.own(ad.compareScalar(x, 0, Comparison.LT)));
        TensorPrimitive either = onAutodiffDevice(f.own(ad.or(positive, negative)));
        TensorPrimitive zero = onAutodiffDevice(f.own(ad.not(either)));
        assertEquals(DType.BOOL, zero.dtype());
        assertFalse(f.grad().requiresGrad(positive), "a comparison of a tracked tensor is not tracked");
        assertArrayEquals(new double[] {0, 1, 0}, f.values(zero), 0.0);
    }

    @Test
    void indicesOfTrackedTensorsAreUntrackedInts() {
        TensorPrimitive x = f.leaf(Shape.of(2, 3), 1, 5, 2, 7, 0, 7);
        TensorPrimitive at = onAutodiffDevice(f.own(ad.argmax(x, 1)));
        assertEquals(DType.I64, at.dtype());
        assertFalse(f.grad().requiresGrad(at));
        assertArrayEquals(new double[] {1, 0}, f.values(at), 0.0);
        TensorPrimitive truncated = onAutodiffDevice(f.own(ad.cast(x, DType.I64)));
        assertFalse(f.grad().requiresGrad(truncated));
    }

    @Test
    void intIndicesRouteGradientsOfTrackedFloats() {
        TensorPrimitive x = f.leaf(Shape.of(4), 10, 20, 30, 40);
        TensorPrimitive idx = f.longs(Shape.of(3), 3, 0, 3);
        TensorPrimitive picked = f.own(ad.indexSelect(x, 0, idx));
        assertArrayEquals(new double[] {40, 10, 40}, f.values(picked), EPS);
        try (Gradients g = f.backward(f.own(ad.sum(picked)))) {
            assertArrayEquals(new double[] {1, 0, 0, 2}, f.gradient(g, x), EPS);
        }
    }

    @Test
    void intAndBoolTensorsCannotRequireGradients() {
        TensorPrimitive i = f.longs(Shape.of(1), 1);
        TensorPrimitive b = f.own(ad.fromData(TensorData.of(new boolean[] {true}, Shape.of(1)), backend.autodiffDevice()));
        assertThrows(IllegalArgumentException.class, () -> f.grad().requireGrad(i));
        assertThrows(IllegalArgumentException.class, () -> f.grad().requireGrad(b));
    }

    @Test
    void intTensorCastToFloatStartsUntracked() {
        TensorPrimitive i = f.longs(Shape.of(2), 3, 4);
        TensorPrimitive x = onAutodiffDevice(f.own(ad.cast(i, DType.F32)));
        assertFalse(f.grad().requiresGrad(x));
        assertArrayEquals(new double[] {3, 4}, f.values(x), EPS);
    }

    private TensorPrimitive onAutodiffDevice(TensorPrimitive t) {
        assertEquals(backend.autodiffDevice(), t.device(), "every result of the autodiff backend lives on its device");
        assertTrue(t.device().isAutodiff());
        return t;
    }
}
