package dev.burnj.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.MemoryStats;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import org.junit.jupiter.api.Test;

/** Views share their base's buffer: freeing either side must leave the other intact, and memory must return to baseline. */
class Nd4jMemoryTest extends Nd4jTestSupport {
    private static final double[] BASE = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};

    @Test
    void freeingTheBaseKeepsViewsValid() {
        MemoryStats before = B.memoryStats();
        TensorPrimitive base = f64(BASE, 3, 4);
        TensorPrimitive slice = B.slice(base, new Slice[] {Slice.range(1, 3), Slice.range(0, 4, 2)});
        TensorPrimitive reshaped = B.reshape(base, Shape.of(4, 3));
        TensorPrimitive permuted = B.permute(base, new int[] {1, 0});
        base.release();
        // Allocate and free other tensors so a freed buffer would likely be reused and overwritten.
        for (int i = 0; i < 20; i++) {
            B.full(Shape.of(3, 4), -1, dev.burnj.tensor.DType.F64, B.defaultDevice()).release();
        }
        assertArrayEquals(new double[] {4, 6, 8, 10}, doubles(slice));
        assertArrayEquals(BASE, doubles(reshaped));
        assertArrayEquals(new double[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, doubles(permuted));
        release(slice, reshaped, permuted);
        assertSameLiveMemory(before, B.memoryStats());
    }

    @Test
    void freeingViewsKeepsTheBaseValid() {
        MemoryStats before = B.memoryStats();
        TensorPrimitive base = f64(BASE, 3, 4);
        TensorPrimitive reshaped = B.reshape(base, Shape.of(12));
        TensorPrimitive slice = B.slice(reshaped, new Slice[] {Slice.range(2, 6)});
        TensorPrimitive permuted = B.permute(base, new int[] {1, 0});
        TensorPrimitive viewOfView = B.reshape(permuted, Shape.of(2, 6));
        release(reshaped, slice, permuted);
        assertArrayEquals(new double[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, doubles(viewOfView));
        viewOfView.release();
        assertArrayEquals(BASE, doubles(base));
        assertTrue(B.memoryStats().liveTensors() > before.liveTensors());
        base.release();
        assertSameLiveMemory(before, B.memoryStats());
    }

    @Test
    void statsCountTensorsAndBytes() {
        MemoryStats before = B.memoryStats();
        TensorPrimitive a = f64(BASE, 3, 4);
        TensorPrimitive view = B.reshape(a, Shape.of(2, 6));
        MemoryStats during = B.memoryStats();
        assertEquals(before.liveTensors() + 2, during.liveTensors());
        assertEquals(before.liveBytes() + 12 * 8, during.liveBytes(), "a view adds no bytes");
        release(a, view);
        assertSameLiveMemory(before, B.memoryStats());
    }

    @Test
    void releasedTensorsCannotBeUsed() {
        TensorPrimitive a = f64(BASE, 12);
        a.release();
        assertFalse(a.isLive());
        assertThrows(IllegalStateException.class, () -> B.toData(a));
        assertThrows(IllegalStateException.class, a::release);
    }

    @Test
    void steppedSlicesLeaveTheBaseIntact() {
        TensorPrimitive base = f64(BASE, 3, 4);
        TensorPrimitive stepped = B.slice(base, new Slice[] {Slice.range(0, 3, 2), Slice.range(1, 4, 2)});
        TensorPrimitive again = B.slice(base, new Slice[] {Slice.range(1, 3), Slice.range(0, 4, 3)});
        assertArrayEquals(new double[] {1, 3, 9, 11}, doubles(stepped));
        assertArrayEquals(new double[] {4, 7, 8, 11}, doubles(again));
        assertEquals(Shape.of(3, 4), base.shape());
        assertArrayEquals(BASE, doubles(base));
        TensorPrimitive patch = f64(new double[] {-1, -2, -3, -4}, 2, 2);
        TensorPrimitive assigned = B.sliceAssign(base, new Slice[] {Slice.range(0, 3, 2), Slice.range(1, 4, 2)}, patch);
        assertArrayEquals(new double[] {0, -1, 2, -2, 4, 5, 6, 7, 8, -3, 10, -4}, doubles(assigned));
        assertArrayEquals(BASE, doubles(base));
        release(base, stepped, again, patch, assigned);
    }

    @Test
    void opsOnViewsReadTheRightElements() {
        TensorPrimitive base = f64(BASE, 3, 4);
        TensorPrimitive slice = B.slice(base, new Slice[] {Slice.range(1, 3), Slice.range(1, 4, 2)});
        TensorPrimitive t = B.permute(slice, new int[] {1, 0});
        TensorPrimitive sum = B.addScalar(t, 100);
        assertArrayEquals(new double[] {105, 109, 107, 111}, doubles(sum));
        release(base, slice, t, sum);
    }

    /** Live tensors and bytes are back where they were; freed buffers may sit in the reuse pool meanwhile. */
    private static void assertSameLiveMemory(MemoryStats expected, MemoryStats actual) {
        assertEquals(expected.liveTensors(), actual.liveTensors(), "live tensors");
        assertEquals(expected.liveBytes(), actual.liveBytes(), "live bytes");
    }
}
