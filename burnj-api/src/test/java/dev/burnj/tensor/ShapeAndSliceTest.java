package dev.burnj.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeAndSliceTest {
    @Test
    void broadcastCombinesSizeOneDimensionsFromEitherSide() {
        assertEquals(Shape.of(3, 4), Shape.broadcast("add", Shape.of(3, 1), Shape.of(1, 4)));
        assertEquals(Shape.of(2, 0), Shape.broadcast("add", Shape.of(2, 1), Shape.of(1, 0)));
    }

    @Test
    void broadcastFailureNamesTheOpAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Shape.broadcast("add", Shape.of(2, 3), Shape.of(4, 3)));
        assertEquals("add: [2, 3] and [4, 3]: dimension 0 sizes 2 and 4 do not broadcast", e.getMessage());
    }

    @Test
    void stridesAreRowMajor() {
        assertArrayEquals(new long[] {12, 4, 1}, Shape.of(2, 3, 4).strides());
        assertEquals(24, Shape.of(2, 3, 4).numel());
        assertEquals(4, Shape.of(2, 3, 4).dim(-1));
    }

    @Test
    void negativeSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -1));
    }

    @Test
    void slicesResolveLikePython() {
        assertEquals(Slice.range(1, 3, 1), Slice.range(-4, -2).resolve(5));
        assertEquals(Slice.range(2, 5, 2), Slice.range(2, 100, 2).resolve(5));
        assertEquals(2, Slice.range(2, 5, 2).length());
        assertEquals(0, Slice.range(4, 1).resolve(5).length());
        assertEquals(Slice.range(4, 5, 1), Slice.index(-1).resolve(5));
        assertThrows(IllegalArgumentException.class, () -> Slice.range(0, 3, 0));
    }

    @Test
    void reshapeInfersOneDimensionAndExplainsMismatches() {
        assertEquals(Shape.of(4, 6), OpChecks.reshape("reshape", Shape.of(2, 3, 4), 4, -1));
        var e = assertThrows(IllegalArgumentException.class, () -> OpChecks.reshape("reshape", Shape.of(2, 3), 4, 2));
        assertEquals("reshape: [2, 3] (6 elements) cannot become [4, 2] (8 elements)", e.getMessage());
    }

    @Test
    void nestedArraysFlattenRowMajorAndRejectRaggedInput() {
        TensorData d = Creation.nested(new float[][] {{1, 2, 3}, {4, 5, 6}}, 2);
        assertEquals(Shape.of(2, 3), d.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, d.toFloats());
        assertThrows(IllegalArgumentException.class, () -> Creation.nested(new float[][] {{1, 2}, {3}}, 2));
    }

    @Test
    void tensorDataConvertsBetweenDTypes() {
        TensorData d = TensorData.of(new double[] {-1.7, 0.0, 2.9}, Shape.of(3));
        assertArrayEquals(new long[] {-1, 0, 2}, d.convert(DType.I64).toLongs());
        assertArrayEquals(new boolean[] {true, false, true}, d.convert(DType.BOOL).toBooleans());
        assertThrows(IllegalArgumentException.class, () -> TensorData.of(new float[3], Shape.of(2, 2)));
    }
}
