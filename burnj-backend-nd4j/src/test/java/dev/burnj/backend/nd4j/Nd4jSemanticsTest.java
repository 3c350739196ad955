package dev.burnj.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnj.backend.Comparison;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import org.junit.jupiter.api.Test;

/** Spot checks of the SPI details where libnd4j's own semantics differ from PyTorch's. */
class Nd4jSemanticsTest extends Nd4jTestSupport {
    @Test
    void broadcastsBothSides() {
        TensorPrimitive a = f64(new double[] {1, 2, 3}, 3, 1);
        TensorPrimitive b = f64(new double[] {10, 20, 30, 40}, 1, 4);
        TensorPrimitive sum = B.add(a, b);
        assertClose(new double[] {11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43}, sum, 3, 4);
        TensorPrimitive cond = B.compare(a, f64(new double[] {2}, 1, 1), Comparison.GE);
        TensorPrimitive picked = B.where(cond, a, b);
        assertClose(new double[] {10, 20, 30, 40, 2, 2, 2, 2, 3, 3, 3, 3}, picked, 3, 4);
        release(a, b, sum, cond, picked);
    }

    @Test
    void integerDivisionAndRemainderFloor() {
        TensorPrimitive a = i64(new long[] {-7, 7, -7, 7}, 4);
        TensorPrimitive b = i64(new long[] {2, -2, -2, 2}, 4);
        TensorPrimitive q = B.div(a, b);
        TensorPrimitive r = B.remainder(a, b);
        TensorPrimitive qs = B.divScalar(a, 2);
        TensorPrimitive rs = B.remainderScalar(a, -3);
        assertArrayEquals(new long[] {-4, -4, 3, 3}, longs(q));
        assertArrayEquals(new long[] {1, -1, -1, 1}, longs(r));
        assertArrayEquals(new long[] {-4, 3, -4, 3}, longs(qs));
        assertArrayEquals(new long[] {-1, -2, -1, -2}, longs(rs));
        release(a, b, q, r, qs, rs);
    }

    @Test
    void roundsHalfToEvenAndCastTruncates() {
        TensorPrimitive x = f64(new double[] {0.5, 1.5, 2.5, -0.5, -1.5, -2.7}, 6);
        TensorPrimitive rounded = B.round(x);
        assertArrayEquals(new double[] {0, 2, 2, -0.0, -2, -3}, doubles(rounded), 0);
        TensorPrimitive ints = B.cast(x, DType.I64);
        assertArrayEquals(new long[] {0, 1, 2, 0, -1, -2}, longs(ints));
        release(x, rounded, ints);
    }

    @Test
    void argExtremaTakeTheFirstTie() {
        TensorPrimitive x = f64(new double[] {1, 3, 3, 0, 2, 1, 1, 2}, 2, 4);
        TensorPrimitive max = B.argmax(x, 1);
        TensorPrimitive min = B.argmin(x, 1);
        assertEquals(Shape.of(2, 1), max.shape());
        assertArrayEquals(new long[] {1, 0}, longs(max));
        assertArrayEquals(new long[] {3, 1}, longs(min));
        release(x, max, min);
    }

    @Test
    void argsortIsStable() {
        TensorPrimitive x = f64(new double[] {2, 1, 2, 1, Double.NaN, 0}, 6);
        TensorPrimitive up = B.argsort(x, 0, false);
        TensorPrimitive down = B.argsort(x, 0, true);
        TensorPrimitive sorted = B.sort(x, 0, false);
        assertArrayEquals(new long[] {5, 1, 3, 0, 2, 4}, longs(up));
        assertArrayEquals(new long[] {4, 0, 2, 1, 3, 5}, longs(down));
        assertArrayEquals(new double[] {0, 1, 1, 2, 2, Double.NaN}, doubles(sorted), 0);
        release(x, up, down, sorted);
    }

    @Test
    void fullReductionsHaveShapeOneAndDimReductionsKeepTheDim() {
        TensorPrimitive x = f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        TensorPrimitive sum = B.sum(x);
        TensorPrimitive rows = B.sumDim(x, 1);
        TensorPrimitive var = B.var(x, 1, 1);
        assertClose(new double[] {21}, sum, 1);
        assertClose(new double[] {6, 15}, rows, 2, 1);
        assertClose(new double[] {1, 1}, var, 2, 1);
        release(x, sum, rows, var);
    }

    @Test
    void gatherAndScatterAlongADim() {
        TensorPrimitive x = f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        TensorPrimitive idx = i64(new long[] {2, 0, 1, 1}, 2, 2);
        TensorPrimitive g = B.gather(x, 1, idx);
        assertClose(new double[] {3, 1, 5, 5}, g, 2, 2);
        TensorPrimitive s = B.scatter(x, 1, idx, f64(new double[] {10, 20, 30, 40}, 2, 2), true);
        assertClose(new double[] {21, 2, 13, 4, 75, 6}, s, 2, 3);
        release(x, idx, g, s);
    }

    @Test
    void boolRoundTrip() {
        TensorPrimitive b = B.fromData(TensorData.of(new boolean[] {true, false, true}, Shape.of(3)), B.defaultDevice());
        TensorPrimitive n = B.not(b);
        assertArrayEquals(new boolean[] {false, true, false}, B.toData(n).toBooleans());
        TensorPrimitive any = B.any(n);
        TensorPrimitive all = B.all(n);
        assertArrayEquals(new boolean[] {true}, B.toData(any).toBooleans());
        assertArrayEquals(new boolean[] {false}, B.toData(all).toBooleans());
        release(b, n, any, all);
    }
}
