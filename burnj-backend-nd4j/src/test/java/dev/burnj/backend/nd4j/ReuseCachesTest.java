package dev.burnj.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The array pool, the view cache and the scalar cache hand out correct arrays and respect their bounds. */
class ReuseCachesTest {
    @Test
    void poolReusesAFreedArrayOfTheSameDTypeAndShapeOnly() {
        ArrayPool pool = new ArrayPool(1 << 20);
        INDArray a = pool.take(DataType.FLOAT, new long[] {3, 5});
        assertTrue(pool.offer(a));
        assertEquals(60, pool.pooledBytes());
        assertNotSame(a, pool.take(DataType.DOUBLE, new long[] {3, 5}), "another dtype is a new array");
        assertNotSame(a, pool.take(DataType.FLOAT, new long[] {5, 3}), "another shape is a new array");
        assertSame(a, pool.take(DataType.FLOAT, new long[] {3, 5}));
        assertEquals(0, pool.pooledBytes());
    }

    @Test
    void poolRefusesViewsAndArraysBeyondItsCapacity() {
        ArrayPool pool = new ArrayPool(100);
        INDArray base = Nd4j.createUninitialized(DataType.FLOAT, new long[] {4, 4}, 'c');
        assertFalse(pool.offer(base.permute(1, 0)), "a transposed view is no fresh allocation");
        assertTrue(pool.offer(base), "64 of 100 bytes");
        assertTrue(pool.offer(Nd4j.createUninitialized(DataType.FLOAT, new long[] {5}, 'c')), "84 of 100 bytes");
        assertFalse(pool.offer(Nd4j.createUninitialized(DataType.FLOAT, new long[] {5}, 'c')), "104 bytes would exceed the capacity");
        assertEquals(84, pool.pooledBytes());
    }

    @Test
    void replayedViewsMatchFreshOnes() {
        INDArray a = Nd4j.arange(24).castTo(DataType.DOUBLE).reshape('c', 2, 3, 4);
        INDArray first = ViewCache.SHARED.permute(a, new int[] {2, 0, 1});
        INDArray replayed = ViewCache.SHARED.permute(a, new int[] {2, 0, 1});
        assertArrayEquals(first.shape(), replayed.shape());
        assertArrayEquals(first.stride(), replayed.stride());
        assertArrayEquals(first.dup('c').data().asDouble(), replayed.dup('c').data().asDouble());
        INDArray b = Nd4j.arange(24).castTo(DataType.DOUBLE).reshape('c', 2, 3, 4).addi(100);
        INDArray otherBase = ViewCache.SHARED.reshape(b, new long[] {6, 4});
        assertEquals(100.0, otherBase.getDouble(0, 0), "a replayed view reads its own base's buffer");
        assertEquals(123.0, otherBase.getDouble(5, 3));
    }

    @Test
    void cachedScalarsKeepTheirValueAndType() {
        try (ScalarCache.Lease s = ScalarCache.SHARED.lease(DataType.LONG, -7.9);
                ScalarCache.Lease t = ScalarCache.SHARED.lease(DataType.FLOAT, 0.25)) {
            assertEquals(DataType.LONG, s.array().dataType());
            assertEquals(-7L, s.array().getLong(0), "ints truncate toward zero");
            assertEquals(0.25f, t.array().getFloat(0));
            assertSame(t.array(), ScalarCache.SHARED.lease(DataType.FLOAT, 0.25).array());
        }
    }
}
