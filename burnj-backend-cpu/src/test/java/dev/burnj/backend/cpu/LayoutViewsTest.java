package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.MemoryStats;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import dev.burnj.tensor.TensorData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layout views share their base's memory and keep it alive; indexing errors name the op and the bad index. */
class LayoutViewsTest {
    private final CpuBackend backend = new CpuBackend();

    private CpuTensor iota(int... dims) {
        Shape shape = Shape.of(dims);
        float[] v = new float[shape.numelInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return (CpuTensor) backend.fromData(TensorData.of(v, shape), backend.devices().get(0));
    }

    private float[] values(CpuTensor t) {
        return backend.toData(t).toFloats();
    }

    @Test
    void viewsShareTheBaseMemory() {
        CpuTensor base = iota(2, 3, 4);
        CpuTensor reshaped = (CpuTensor) backend.reshape(base, Shape.of(6, 4));
        CpuTensor permuted = (CpuTensor) backend.permute(base, new int[] {2, 0, 1});
        CpuTensor sliced = (CpuTensor) backend.slice(base, new Slice[] {Slice.range(1, 2), Slice.range(1, 3), Slice.range(0, 4, 2)});
        CpuTensor column = iota(3, 1);
        CpuTensor expanded = (CpuTensor) backend.expand(column, Shape.of(3, 5));
        try {
            assertEquals(base.address(), reshaped.address());
            assertEquals(base.address(), permuted.address());
            assertFalse(permuted.isContiguous());
            assertEquals(base.address() + (12 + 4) * 4L, sliced.address());
            assertArrayEquals(new long[] {12, 4, 2}, sliced.strides());
            assertArrayEquals(new float[] {16, 18, 20, 22}, values(sliced));
            assertEquals(column.address(), expanded.address());
            assertArrayEquals(new long[] {1, 0}, expanded.strides());
        } finally {
            for (CpuTensor t : List.of(base, reshaped, permuted, sliced, column, expanded)) {
                t.release();
            }
        }
    }

    @Test
    void aStridedReshapeIsAViewWhenTheStridesAllowIt() {
        CpuTensor base = iota(4, 6);
        CpuTensor t = (CpuTensor) backend.permute(base, new int[] {1, 0});
        CpuTensor split = (CpuTensor) backend.reshape(t, Shape.of(2, 3, 4));
        CpuTensor flat = (CpuTensor) backend.reshape(t, Shape.of(24));
        try {
            assertEquals(base.address(), split.address());
            assertArrayEquals(new long[] {3, 1, 6}, split.strides());
            assertNotEquals(base.address(), flat.address());
            assertTrue(flat.isContiguous());
            float[] f = values(flat);
            assertEquals(6, f[1]);
            assertEquals(1, f[4]);
        } finally {
            base.release();
            t.release();
            split.release();
            flat.release();
        }
    }

    @Test
    void aViewKeepsItsMemoryAfterTheBaseIsReleased() {
        CpuTensor base = iota(3, 4);
        CpuTensor view = (CpuTensor) backend.permute(base, new int[] {1, 0});
        base.release();
        assertFalse(base.isLive());
        assertTrue(view.isLive());
        assertEquals(48, backend.memoryStats().liveBytes());
        assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, values(view));
        view.release();
        assertEquals(0, backend.memoryStats().liveBytes());
    }

    @Test
    void memoryStatsReturnToZeroAfterEveryOpIsReleased() {
        CpuTensor a = iota(2, 3);
        CpuTensor b = iota(2, 2);
        TensorData idx = TensorData.of(new long[] {1, 0, 1}, Shape.of(3));
        CpuTensor index = (CpuTensor) backend.fromData(idx, backend.devices().get(0));
        CpuTensor row = (CpuTensor) backend.slice(a, new Slice[] {Slice.range(0, 1), Slice.all()});
        List<CpuTensor> made = List.of(
                (CpuTensor) backend.reshape(a, Shape.of(3, 2)),
                (CpuTensor) backend.permute(a, new int[] {1, 0}),
                (CpuTensor) backend.expand(row, Shape.of(4, 3)),
                (CpuTensor) backend.cat(List.of(a, b), 1),
                (CpuTensor) backend.flip(a, new int[] {0, 1}),
                (CpuTensor) backend.sliceAssign(a, new Slice[] {Slice.all(), Slice.range(1, 3)}, b),
                (CpuTensor) backend.indexSelect(a, 0, index),
                (CpuTensor) backend.indexSelect(a, 1, index));
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 3, 4, 5, 2, 3}, values(made.get(3)));
        assertArrayEquals(new float[] {5, 4, 3, 2, 1, 0}, values(made.get(4)));
        assertArrayEquals(new float[] {0, 0, 1, 3, 2, 3}, values(made.get(5)));
        assertArrayEquals(new float[] {3, 4, 5, 0, 1, 2, 3, 4, 5}, values(made.get(6)));
        assertArrayEquals(new float[] {1, 0, 1, 4, 3, 4}, values(made.get(7)));
        a.release();
        b.release();
        index.release();
        row.release();
        assertTrue(backend.memoryStats().liveBytes() > 0);
        for (CpuTensor t : made) {
            t.release();
        }
        MemoryStats stats = backend.memoryStats();
        assertEquals(0, stats.liveTensors());
        assertEquals(0, stats.liveBytes());
    }

    @Test
    void outOfRangeIndicesNameTheOpTheIndexAndTheDimension() {
        CpuTensor a = iota(2, 3);
        CpuTensor index = (CpuTensor) backend.fromData(TensorData.of(new int[] {0, 3}, Shape.of(2, 1)), backend.devices().get(0));
        CpuTensor values = iota(2, 1);
        try {
            var e = assertThrows(IndexOutOfBoundsException.class, () -> backend.gather(a, 1, index));
            assertEquals("gather: index 3 is out of range for dimension 1 of size 3", e.getMessage());
            e = assertThrows(IndexOutOfBoundsException.class, () -> backend.scatter(a, 1, index, values, true));
            assertEquals("scatterAdd: index 3 is out of range for dimension 1 of size 3", e.getMessage());
            CpuTensor flat = (CpuTensor) backend.reshape(index, Shape.of(2));
            try {
                e = assertThrows(IndexOutOfBoundsException.class, () -> backend.indexSelect(a, 1, flat));
                assertEquals("indexSelect: index 3 is out of range for dimension 1 of size 3", e.getMessage());
            } finally {
                flat.release();
            }
        } finally {
            a.release();
            index.release();
            values.release();
        }
        assertEquals(0, backend.memoryStats().liveTensors());
        assertEquals(0, backend.memoryStats().liveBytes());
    }

    @Test
    void scatterAddAccumulatesDuplicatesAndLeavesTheInputAlone() {
        CpuTensor zeros = (CpuTensor) backend.full(Shape.of(3, 2), 0, DType.F32, backend.devices().get(0));
        CpuTensor rows = (CpuTensor) backend.fromData(TensorData.of(new long[] {2, 0, 2}, Shape.of(3, 1)), backend.devices().get(0));
        CpuTensor index = (CpuTensor) backend.expand(rows, Shape.of(3, 2));
        CpuTensor grad = iota(3, 2);
        CpuTensor out = (CpuTensor) backend.scatter(zeros, 0, index, grad, true);
        try {
            assertArrayEquals(new float[] {2, 3, 0, 0, 4, 6}, values(out));
            assertArrayEquals(new float[6], values(zeros));
        } finally {
            for (CpuTensor t : List.of(zeros, rows, index, grad, out)) {
                t.release();
            }
        }
    }
}
