package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import dev.burnj.tensor.TensorData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The paths the conformance suite's small dense inputs do not reach: strided (permuted, sliced, expanded) inputs,
 * and outputs large enough to be split across threads, checked against plain loops.
 */
class LayoutIndexingKernelsTest {
    private final CpuBackend backend = new CpuBackend();
    private final List<CpuTensor> owned = new ArrayList<>();
    private final Random random = new Random(7);

    @AfterEach
    void releaseAndCheckNothingLeaks() {
        owned.forEach(CpuTensor::release);
        assertEquals(0, backend.memoryStats().liveTensors());
        assertEquals(0, backend.memoryStats().liveBytes());
    }

    private CpuTensor own(Object t) {
        owned.add((CpuTensor) t);
        return (CpuTensor) t;
    }

    private CpuTensor upload(TensorData d) {
        return own(backend.fromData(d, backend.devices().get(0)));
    }

    private float[] randomFloats(int n) {
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextInt(1000) / 8f;
        }
        return v;
    }

    private long[] randomIndices(int n, int bound) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(bound);
        }
        return v;
    }

    @Test
    void embeddingSizedIndexSelectAndItsScatterAddGradient() {
        int vocab = 500;
        int dim = 64;
        int n = 4096;
        float[] w = randomFloats(vocab * dim);
        long[] idx = randomIndices(n, vocab);
        CpuTensor weight = upload(TensorData.of(w, Shape.of(vocab, dim)));
        CpuTensor index = upload(TensorData.of(idx, Shape.of(n)));
        float[] rows = backend.toData(own(backend.indexSelect(weight, 0, index))).toFloats();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                assertEquals(w[(int) idx[i] * dim + j], rows[i * dim + j]);
            }
        }
        // The autodiff gradient of indexSelect: the index reshaped to [n, 1] and expanded over the row (stride 0).
        float[] g = randomFloats(n * dim);
        CpuTensor grad = upload(TensorData.of(g, Shape.of(n, dim)));
        CpuTensor spread = own(backend.expand(own(backend.reshape(index, Shape.of(n, 1))), Shape.of(n, dim)));
        CpuTensor zeros = own(backend.full(Shape.of(vocab, dim), 0, DType.F32, backend.devices().get(0)));
        float[] got = backend.toData(own(backend.scatter(zeros, 0, spread, grad, true))).toFloats();
        float[] want = new float[vocab * dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                want[(int) idx[i] * dim + j] += g[i * dim + j];
            }
        }
        assertArrayEquals(want, got);
    }

    @Test
    void largeScattersAlongEitherEndAgreeWithAPlainLoop() {
        int rows = 1024;
        int cols = 256;
        for (int dim : new int[] {0, 1}) {
            for (boolean add : new boolean[] {false, true}) {
                float[] base = randomFloats(rows * cols);
                float[] v = randomFloats(rows * cols);
                long[] idx = randomIndices(rows * cols, dim == 0 ? rows : cols);
                CpuTensor t = upload(TensorData.of(base, Shape.of(rows, cols)));
                CpuTensor index = upload(TensorData.of(idx, Shape.of(rows, cols)));
                CpuTensor values = upload(TensorData.of(v, Shape.of(rows, cols)));
                float[] got = backend.toData(own(backend.scatter(t, dim, index, values, add))).toFloats();
                float[] want = base.clone();
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        int k = i * cols + j;
                        int target = dim == 0 ? (int) idx[k] * cols + j : i * cols + (int) idx[k];
                        want[target] = add ? want[target] + v[k] : v[k];
                    }
                }
                assertArrayEquals(want, got, "dim " + dim + (add ? " add" : " assign"));
            }
        }
    }

    @Test
    void gatherReadsPermutedSourcesAndIndices() {
        int a = 300;
        int b = 500;
        float[] x = randomFloats(a * b);
        // The source viewed as [b, a]; gather along dim 1 with a transposed index of shape [b, 3].
        CpuTensor source = own(backend.permute(upload(TensorData.of(x, Shape.of(a, b))), new int[] {1, 0}));
        long[] idx = randomIndices(3 * b, a);
        CpuTensor index = own(backend.permute(upload(TensorData.of(idx, Shape.of(3, b))), new int[] {1, 0}));
        float[] got = backend.toData(own(backend.gather(source, 1, index))).toFloats();
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(x[(int) idx[k * b + i] * b + i], got[i * 3 + k]);
            }
        }
    }

    @Test
    void flipCatAndSliceAssignOfLargeStridedInputs() {
        int a = 400;
        int b = 700;
        double[] x = new double[a * b];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        CpuTensor t = own(backend.permute(upload(TensorData.of(x, Shape.of(a, b))), new int[] {1, 0}));
        double[] flipped = backend.toData(own(backend.flip(t, new int[] {0, 1}))).toDoubles();
        double[] cat = backend.toData(own(backend.cat(List.of(t, t), 1))).toDoubles();
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < a; j++) {
                assertEquals(x[(a - 1 - j) * b + (b - 1 - i)], flipped[i * a + j]);
                assertEquals(x[j * b + i], cat[i * 2 * a + j]);
                assertEquals(x[j * b + i], cat[i * 2 * a + a + j]);
            }
        }
        Slice[] region = {Slice.range(1, b, 2), Slice.range(0, 10)};
        CpuTensor values = own(backend.full(Shape.of(b / 2, 10), -1, DType.F64, backend.devices().get(0)));
        double[] assigned = backend.toData(own(backend.sliceAssign(t, region, values))).toDoubles();
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < a; j++) {
                double want = i % 2 == 1 && j < 10 ? -1 : x[j * b + i];
                assertEquals(want, assigned[i * a + j]);
            }
        }
    }

    @Test
    void reshapesOfViewsThatNeedACopy() {
        CpuTensor base = upload(TensorData.of(new int[] {1, 2, 3}, Shape.of(3, 1)));
        CpuTensor wide = own(backend.expand(base, Shape.of(3, 2)));
        assertArrayEquals(new int[] {1, 1, 2, 2, 3, 3}, backend.toData(own(backend.reshape(wide, Shape.of(6)))).toInts());
        CpuTensor grid = upload(TensorData.of(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, Shape.of(3, 4)));
        CpuTensor middle = own(backend.slice(grid, new Slice[] {Slice.all(), Slice.range(1, 3)}));
        assertArrayEquals(new long[] {1, 2, 5, 6, 9, 10}, backend.toData(own(backend.reshape(middle, Shape.of(2, 3)))).toLongs());
        CpuTensor kept = own(backend.reshape(middle, Shape.of(3, 1, 2)));
        assertEquals(grid.address() + 8, kept.address());
        assertArrayEquals(new long[] {1, 2, 5, 6, 9, 10}, backend.toData(kept).toLongs());
    }
}
