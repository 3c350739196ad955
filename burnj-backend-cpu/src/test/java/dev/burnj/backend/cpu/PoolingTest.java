package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.MaxPoolResult;
import dev.burnj.backend.PoolOptions;
import dev.burnj.backend.cpu.PoolViews.Layout;
import dev.burnj.conformance.reference.ReferenceModule;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pooling on inputs the conformance suite cannot build before the layout ops exist (views), on batches large enough to
 * split across threads, and through the F32 2x2 kernel, against the plain-Java reference.
 */
class PoolingTest {
    private final CpuBackend cpu = new CpuBackend();

    private static final List<Shape> SHAPES = List.of(Shape.of(2, 3, 6, 7), Shape.of(1, 2, 5, 5), Shape.of(2, 2, 1, 9));
    private static final List<PoolOptions> OPTIONS = List.of(PoolOptions.of(2, 2),
            new PoolOptions(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, true, false),
            new PoolOptions(new int[] {3, 2}, new int[] {1, 2}, new int[] {1, 1}, new int[] {2, 2}, false, true),
            new PoolOptions(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1}, true, true),
            // 1-D windows lifted over a unit height, as the SPI's 1-D defaults pass them; the first dilated.
            new PoolOptions(new int[] {1, 2}, new int[] {1, 1}, new int[] {0, 1}, new int[] {1, 3}, false, true),
            new PoolOptions(new int[] {1, 3}, new int[] {1, 2}, new int[] {0, 1}, new int[] {1, 1}, true, false));

    /** Distinct values in a random order, so that every window has one maximum. */
    private static TensorData distinct(Shape s, DType dt, long seed) {
        int n = s.numelInt();
        double[] v = new double[n];
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            v[i] = (i - n / 2) * 0.125;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return TensorData.fromDoubles(v, s, dt);
    }

    private static TensorData uniform(Shape s, DType dt, long seed) {
        Random r = new Random(seed);
        double[] v = new double[s.numelInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble() * 4 - 2;
        }
        return TensorData.fromDoubles(v, s, dt);
    }

    /** Whether {@code o} leaves an output of {@code s}; the ops reject the combinations that do not. */
    private boolean fits(Shape s, PoolOptions o) {
        if (o.outputSize(0, s.dim(2)) >= 1 && o.outputSize(1, s.dim(3)) >= 1) {
            return true;
        }
        CpuTensor x = PoolViews.create(cpu, uniform(s, DType.F32, 0), Layout.DENSE);
        assertThrows(IllegalArgumentException.class, () -> cpu.avgPool2d(x, o));
        x.release();
        return false;
    }

    private static double rtol(DType dt) {
        return dt == DType.F32 ? 1e-5 : 1e-10;
    }

    private static double atol(DType dt) {
        return dt == DType.F32 ? 1e-6 : 1e-12;
    }

    @Test
    void maxPoolOfViewsMatchesTheReference() {
        long live = cpu.memoryStats().liveTensors();
        for (DType dt : List.of(DType.F32, DType.F64)) {
            for (Shape s : SHAPES) {
                for (PoolOptions o : OPTIONS) {
                    if (!fits(s, o)) {
                        continue;
                    }
                    TensorData x = distinct(s, dt, 1);
                    List<TensorData> expected = ReferenceModule.maxPool2d(x, o);
                    TensorData g = uniform(expected.get(0).shape(), dt, 2);
                    TensorData expectedGrad = ReferenceModule.maxPool2dBackward(x, g, expected.get(1));
                    for (Layout layout : Layout.values()) {
                        String what = "maxPool2d " + s + " " + o + " " + dt + " " + layout;
                        CpuTensor in = PoolViews.create(cpu, x, layout);
                        MaxPoolResult r = cpu.maxPool2dWithIndices(in, o);
                        PoolViews.assertSame(what + " values", expected.get(0), PoolViews.take(cpu, r.values()));
                        PoolViews.assertSame(what + " indices", expected.get(1), PoolViews.take(cpu, r.indices()));
                        CpuTensor grad = PoolViews.create(cpu, g, layout);
                        CpuTensor indices = PoolViews.create(cpu, expected.get(1), layout);
                        PoolViews.assertClose(what + " backward", expectedGrad, PoolViews.take(cpu, cpu.maxPool2dBackward(in, o, grad, indices)),
                                rtol(dt), atol(dt));
                        in.release();
                        grad.release();
                        indices.release();
                    }
                }
            }
        }
        assertEquals(live, cpu.memoryStats().liveTensors());
    }

    @Test
    void averagePoolsOfViewsMatchTheReference() {
        long live = cpu.memoryStats().liveTensors();
        for (DType dt : List.of(DType.F32, DType.F64)) {
            for (Shape s : SHAPES) {
                TensorData x = uniform(s, dt, 3);
                for (PoolOptions o : OPTIONS) {
                    if (!fits(s, o)) {
                        continue;
                    }
                    PoolOptions counted = new PoolOptions(o.kernel(), o.stride(), o.padding(), o.dilation(), o.ceilMode(), !o.countIncludePad());
                    for (PoolOptions p : List.of(o, counted)) {
                        TensorData expected = ReferenceModule.avgPool2d(x, p);
                        TensorData g = uniform(expected.shape(), dt, 4);
                        TensorData expectedGrad = ReferenceModule.avgPool2dBackward(x, p, g);
                        for (Layout layout : Layout.values()) {
                            String what = "avgPool2d " + s + " " + p + " " + dt + " " + layout;
                            CpuTensor in = PoolViews.create(cpu, x, layout);
                            CpuTensor grad = PoolViews.create(cpu, g, layout);
                            PoolViews.assertClose(what, expected, PoolViews.take(cpu, cpu.avgPool2d(in, p)), rtol(dt), atol(dt));
                            PoolViews.assertClose(what + " backward", expectedGrad, PoolViews.take(cpu, cpu.avgPool2dBackward(in, p, grad)), rtol(dt),
                                    atol(dt));
                            in.release();
                            grad.release();
                        }
                    }
                }
                for (int[] size : new int[][] {{2, 3}, {4, 9}, {1, 1}, {s.dim(2), s.dim(3)}}) {
                    TensorData expected = ReferenceModule.adaptiveAvgPool2d(x, size[0], size[1]);
                    TensorData g = uniform(expected.shape(), dt, 5);
                    TensorData expectedGrad = ReferenceModule.adaptiveAvgPool2dBackward(x, g);
                    for (Layout layout : Layout.values()) {
                        String what = "adaptiveAvgPool2d " + s + " to " + size[0] + "x" + size[1] + " " + dt + " " + layout;
                        CpuTensor in = PoolViews.create(cpu, x, layout);
                        CpuTensor grad = PoolViews.create(cpu, g, layout);
                        PoolViews.assertClose(what, expected, PoolViews.take(cpu, cpu.adaptiveAvgPool2d(in, size[0], size[1])), rtol(dt), atol(dt));
                        PoolViews.assertClose(what + " backward", expectedGrad, PoolViews.take(cpu, cpu.adaptiveAvgPool2dBackward(in, grad)), rtol(dt),
                                atol(dt));
                        in.release();
                        grad.release();
                    }
                }
            }
        }
        assertEquals(live, cpu.memoryStats().liveTensors());
    }

    /** The CNN's pooling: 2x2 stride 2 over F32 batches that split across threads, and the odd-sized ceil-mode edge. */
    @Test
    void largeBatchesMatchTheReference() {
        PoolOptions ceil = new PoolOptions(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1}, true, true);
        for (Shape s : List.of(Shape.of(8, 32, 28, 28), Shape.of(16, 64, 14, 14), Shape.of(4, 16, 15, 13))) {
            for (PoolOptions o : List.of(PoolOptions.of(2, 2), ceil)) {
                TensorData x = distinct(s, DType.F32, 6);
                List<TensorData> expected = ReferenceModule.maxPool2d(x, o);
                TensorData g = uniform(expected.get(0).shape(), DType.F32, 7);
                CpuTensor in = PoolViews.create(cpu, x, Layout.DENSE);
                MaxPoolResult r = cpu.maxPool2dWithIndices(in, o);
                String what = "maxPool2d " + s + " " + o;
                PoolViews.assertSame(what + " values", expected.get(0), cpu.toData(r.values()));
                PoolViews.assertSame(what + " indices", expected.get(1), cpu.toData(r.indices()));
                CpuTensor grad = PoolViews.create(cpu, g, Layout.DENSE);
                PoolViews.assertClose(what + " backward", ReferenceModule.maxPool2dBackward(x, g, expected.get(1)),
                        PoolViews.take(cpu, cpu.maxPool2dBackward(in, o, grad, r.indices())), 1e-5, 1e-6);
                PoolViews.assertClose("avgPool2d " + s + " " + o, ReferenceModule.avgPool2d(x, o), PoolViews.take(cpu, cpu.avgPool2d(in, o)), 1e-5, 1e-6);
                r.values().release();
                r.indices().release();
                in.release();
                grad.release();
            }
        }
    }

    /** A NaN wins only as a window's first tap; between zeros of either sign the first wins; ties go to the first. */
    @Test
    void nanSignedZerosAndTiesFollowTheReference() {
        double[] specials = {Double.NaN, -0.0, 0.0, 1.0, 1.0, -1.0, Double.NEGATIVE_INFINITY};
        Shape s = Shape.of(2, 3, 8, 8);
        Random r = new Random(11);
        double[] v = new double[s.numelInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = specials[r.nextInt(specials.length)];
        }
        PoolOptions wide = new PoolOptions(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, false, true);
        for (DType dt : List.of(DType.F32, DType.F64)) {
            TensorData x = TensorData.fromDoubles(v, s, dt);
            for (PoolOptions o : List.of(PoolOptions.of(2, 2), wide)) {
                List<TensorData> expected = ReferenceModule.maxPool2d(x, o);
                CpuTensor in = PoolViews.create(cpu, x, Layout.DENSE);
                MaxPoolResult res = cpu.maxPool2dWithIndices(in, o);
                String what = "maxPool2d " + o + " " + dt + " over NaNs and signed zeros";
                PoolViews.assertSame(what + " values", expected.get(0), PoolViews.take(cpu, res.values()));
                PoolViews.assertSame(what + " indices", expected.get(1), PoolViews.take(cpu, res.indices()));
                in.release();
            }
        }
    }

    @Test
    void maxPoolBackwardRejectsAnIndexOutsideItsPlane() {
        long live = cpu.memoryStats().liveTensors();
        PoolOptions o = PoolOptions.of(2, 2);
        CpuTensor in = PoolViews.create(cpu, uniform(Shape.of(1, 2, 4, 4), DType.F32, 8), Layout.DENSE);
        CpuTensor grad = PoolViews.create(cpu, uniform(Shape.of(1, 2, 2, 2), DType.F32, 9), Layout.DENSE);
        CpuTensor indices = PoolViews.create(cpu, TensorData.of(new long[] {0, 1, 4, 5, 2, 3, 16, 7}, Shape.of(1, 2, 2, 2)), Layout.DENSE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cpu.maxPool2dBackward(in, o, grad, indices));
        assertTrue(e.getMessage().contains("index 16"), e.getMessage());
        in.release();
        grad.release();
        indices.release();
        assertEquals(live, cpu.memoryStats().liveTensors());
    }

    @Test
    void rejectsInputsThatAreNotFloatPlanes() {
        CpuTensor flat = PoolViews.create(cpu, uniform(Shape.of(2, 8), DType.F32, 10), Layout.DENSE);
        CpuTensor ints = PoolViews.create(cpu, TensorData.of(new int[16], Shape.of(1, 1, 4, 4)), Layout.DENSE);
        assertThrows(IllegalArgumentException.class, () -> cpu.maxPool2dWithIndices(flat, PoolOptions.of(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> cpu.avgPool2d(ints, PoolOptions.of(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> cpu.adaptiveAvgPool2d(flat, 1, 1));
        flat.release();
        ints.release();
    }
}
