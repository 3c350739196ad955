package dev.burnj.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The direct loops read and write the elements an array's offset and length select, whatever the buffer around them. */
class DirectLoopsTest {
    @Test
    void selectReadsViewsAtTheirOffsetsAndCopiesBitsExactly() {
        // Row 1..2 of a 4x3 matrix: a dense view that starts 3 elements into its buffer.
        INDArray values = Nd4j.create(new float[] {9, 9, 9, 1, Float.NaN, -0f, 4, 5, 6, 9, 9, 9}, 4, 3);
        INDArray onTrue = values.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        assertTrue(DirectLoops.isDense(onTrue));
        assertEquals(3, onTrue.offset());
        INDArray condition = Nd4j.create(new boolean[] {true, true, true, false, true, false}, new long[] {2, 3}, DataType.BOOL);
        INDArray onFalse = Nd4j.scalar(7f);
        INDArray out = Nd4j.create(DataType.FLOAT, 2, 3);
        DirectLoops.select(condition, onTrue, onFalse, out);
        float[] got = out.data().asFloat();
        assertEquals(1f, got[0]);
        assertTrue(Float.isNaN(got[1]));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(got[2]));
        assertArrayEquals(new float[] {7, 5, 7}, new float[] {got[3], got[4], got[5]});
    }

    @Test
    void selectHandlesEveryElementWidth() {
        INDArray condition = Nd4j.create(new boolean[] {true, false, true}, new long[] {3}, DataType.BOOL);
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.LONG, DataType.INT, DataType.HALF, DataType.BYTE, DataType.BOOL}) {
            INDArray a = Nd4j.create(new double[] {1, 1, 1}).castTo(type);
            INDArray b = Nd4j.create(new double[] {0, 0, 0}).castTo(type);
            INDArray out = Nd4j.create(type, 3);
            DirectLoops.select(condition, a, b, out);
            assertArrayEquals(new double[] {1, 0, 1}, out.castTo(DataType.DOUBLE).toDoubleVector(), type.toString());
        }
    }

    @Test
    void selectRefusesMixedTypes() {
        INDArray condition = Nd4j.create(new boolean[] {true}, new long[] {1}, DataType.BOOL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DirectLoops.select(condition, Nd4j.scalar(1f), Nd4j.scalar(1.0), Nd4j.create(DataType.FLOAT, 1)));
        assertTrue(e.getMessage().contains("DOUBLE"), e.getMessage());
    }

    @Test
    void stridedViewsAreNotDense() {
        INDArray m = Nd4j.create(DataType.FLOAT, 4, 3);
        assertFalse(DirectLoops.isDense(m.get(NDArrayIndex.all(), NDArrayIndex.point(1))));
        assertFalse(DirectLoops.isDense(m.transpose()));
        // A row of a matrix, and a transposed column vector, are consecutive elements whatever ND4J says of their order.
        assertTrue(DirectLoops.isDense(m.get(NDArrayIndex.interval(2, 3), NDArrayIndex.all())));
        assertTrue(DirectLoops.isDense(Nd4j.create(DataType.FLOAT, 5, 1).transpose()));
    }

    @Test
    void scatterAddAccumulatesDuplicatesInOrder() {
        INDArray target = Nd4j.create(new double[] {10, 20, 30});
        INDArray positions = Nd4j.create(new long[] {2, 0, 2, 2}, new long[] {4}, DataType.LONG);
        INDArray updates = Nd4j.create(new double[] {1, 2, 3, 4});
        DirectLoops.scatterAdd(target, positions, updates);
        assertArrayEquals(new double[] {12, 20, 38}, target.toDoubleVector());
    }

    @Test
    void scatterAddRejectsPositionsOutsideTheTarget() {
        INDArray target = Nd4j.create(DataType.FLOAT, 3);
        INDArray positions = Nd4j.create(new long[] {3}, new long[] {1}, DataType.LONG);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> DirectLoops.scatterAdd(target, positions, Nd4j.create(new float[] {1}, 1)));
        assertTrue(e.getMessage().contains("position 3 is outside [0, 3)"), e.getMessage());
    }
}
