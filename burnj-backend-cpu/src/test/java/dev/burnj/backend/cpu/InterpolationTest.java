package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burnj.backend.InterpolateMode;
import dev.burnj.backend.cpu.PoolViews.Layout;
import dev.burnj.conformance.reference.ReferenceModule;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** interpolate and its backward on views and on a batch that splits across threads, against the plain-Java reference. */
class InterpolationTest {
    private final CpuBackend cpu = new CpuBackend();

    private static TensorData uniform(Shape s, DType dt, long seed) {
        Random r = new Random(seed);
        double[] v = new double[s.numelInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble() * 4 - 2;
        }
        return TensorData.fromDoubles(v, s, dt);
    }

    private void check(Shape s, int[] size, InterpolateMode mode, DType dt, Layout layout) {
        double rtol = dt == DType.F32 ? 1e-5 : 1e-10;
        double atol = dt == DType.F32 ? 1e-6 : 1e-12;
        TensorData x = uniform(s, dt, 1);
        TensorData g = uniform(Shape.of(s.dim(0), s.dim(1), size[0], size[1]), dt, 2);
        String what = "interpolate " + s + " to " + size[0] + "x" + size[1] + " " + mode + " " + dt + " " + layout;
        CpuTensor in = PoolViews.create(cpu, x, layout);
        CpuTensor grad = PoolViews.create(cpu, g, layout);
        PoolViews.assertClose(what, ReferenceModule.interpolate(x, size[0], size[1], mode), PoolViews.take(cpu, cpu.interpolate(in, size[0], size[1], mode)),
                rtol, atol);
        PoolViews.assertClose(what + " backward", ReferenceModule.interpolateBackward(x, g, mode),
                PoolViews.take(cpu, cpu.interpolateBackward(in, grad, mode)), rtol, atol);
        in.release();
        grad.release();
    }

    @Test
    void viewsMatchTheReference() {
        long live = cpu.memoryStats().liveTensors();
        for (InterpolateMode mode : InterpolateMode.values()) {
            for (DType dt : List.of(DType.F32, DType.F64)) {
                for (int[] size : new int[][] {{7, 9}, {2, 3}, {3, 5}, {1, 1}, {6, 2}}) {
                    for (Layout layout : Layout.values()) {
                        check(Shape.of(2, 3, 3, 5), size, mode, dt, layout);
                    }
                }
            }
        }
        assertEquals(live, cpu.memoryStats().liveTensors());
    }

    @Test
    void largeBatchesMatchTheReference() {
        for (InterpolateMode mode : InterpolateMode.values()) {
            check(Shape.of(16, 32, 14, 14), new int[] {28, 28}, mode, DType.F32, Layout.DENSE);
            check(Shape.of(8, 16, 28, 28), new int[] {13, 17}, mode, DType.F64, Layout.DENSE);
        }
    }

    /** A large upsampling sends thousands of output gradients to each input: they must sum in double, as the reference's. */
    @Test
    void manyContributionsSumLikeTheReference() {
        for (InterpolateMode mode : InterpolateMode.values()) {
            check(Shape.of(1, 2, 2, 3), new int[] {150, 170}, mode, DType.F32, Layout.DENSE);
        }
    }

    @Test
    void rejectsAMismatchedGradient() {
        CpuTensor in = PoolViews.create(cpu, uniform(Shape.of(1, 2, 3, 3), DType.F32, 3), Layout.DENSE);
        CpuTensor grad = PoolViews.create(cpu, uniform(Shape.of(1, 3, 6, 6), DType.F32, 4), Layout.DENSE);
        assertThrows(IllegalArgumentException.class, () -> cpu.interpolateBackward(in, grad, InterpolateMode.BILINEAR));
        assertThrows(IllegalArgumentException.class, () -> cpu.interpolate(in, 0, 4, InterpolateMode.NEAREST));
        in.release();
        grad.release();
    }
}
