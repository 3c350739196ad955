package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.MemoryCounter;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import dev.burnj.tensor.TensorData;
import org.junit.jupiter.api.Test;

/**
 * Dense copies of transposed matrices take the tiled path, for sizes that are not whole tiles, rows padded past the
 * matrix (a slice of a transpose), and 4- and 8-byte elements; other views keep the row walker.
 */
class LayoutTransposeTest {
    private final CpuBackend backend = new CpuBackend();
    private final Transfers transfers = new Transfers(new MemoryCounter());

    @Test
    void copiesTransposedMatricesTileByTile() {
        for (DType dt : new DType[] {DType.F32, DType.F64, DType.I32, DType.I64}) {
            for (int[] rc : new int[][] {{2, 2}, {17, 33}, {64, 512}, {300, 513}}) {
                for (int pad : new int[] {0, 3}) {
                    check(dt, rc[0], rc[1], pad);
                }
            }
        }
    }

    @Test
    void leavesOtherLayoutsToTheRowWalker() {
        CpuTensor dense = (CpuTensor) backend.fromData(TensorData.fromDoubles(new double[12], Shape.of(3, 4), DType.F32), backend.defaultDevice());
        CpuTensor out = dense.allocateLike(dense.shape(), dense.dtype());
        CpuTensor strided = (CpuTensor) backend.slice(dense, new Slice[] {Slice.all(), Slice.range(0, 4, 2)});
        try {
            assertFalse(LayoutTranspose.applies(dense, out));
            CpuTensor half = strided.allocateLike(strided.shape(), strided.dtype());
            assertFalse(LayoutTranspose.applies(strided, half));
            half.release();
        } finally {
            strided.release();
            out.release();
            dense.release();
        }
    }

    /** A {@code rows x cols} view of a dense {@code [cols, rows + pad]} matrix, made dense. */
    private void check(DType dt, int rows, int cols, int pad) {
        double[] stored = new double[cols * (rows + pad)];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = i % 1000 - 500;
        }
        CpuTensor base = (CpuTensor) backend.fromData(TensorData.fromDoubles(stored, Shape.of(cols, rows + pad), dt), backend.defaultDevice());
        CpuTensor transposed = (CpuTensor) backend.permute(base, new int[] {1, 0});
        CpuTensor view = (CpuTensor) backend.slice(transposed, new Slice[] {Slice.range(0, rows), Slice.all()});
        CpuTensor dense = transfers.contiguous(view);
        try {
            assertTrue(LayoutTranspose.applies(view, dense), () -> dt + " " + rows + "x" + cols + " pad " + pad);
            assertTrue(dense.isContiguous());
            double[] got = backend.toData(dense).toDoubles();
            double[] want = new double[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    want[r * cols + c] = stored[c * (rows + pad) + r];
                }
            }
            assertArrayEquals(want, got, () -> dt + " " + rows + "x" + cols + " pad " + pad);
            assertEquals(Shape.of(rows, cols), dense.shape());
        } finally {
            dense.release();
            view.release();
            transposed.release();
            base.release();
        }
    }
}
