package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.AdamCoefficients;
import dev.burnj.backend.AdamUpdate;
import dev.burnj.backend.Backend;
import dev.burnj.backend.Backends;
import dev.burnj.backend.OptimizerOps;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.backend.cpu.PoolViews.Layout;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.OptimizerKernels;
import dev.burnj.tensor.OptimizerKernels.AdamTensors;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorData;
import dev.burnj.tensor.TensorOptions;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused Adam step rounds bit for bit as the composed default of {@link OptimizerOps#adamStep} does, on any layout
 * and on parameters large enough to split across threads; it writes into the consumed inputs' memory only where
 * nothing else can read it.
 */
class AdamKernelTest {
    private final CpuBackend cpu = new CpuBackend();

    private static final AdamCoefficients[] STEPS = {AdamCoefficients.of(1e-3, 0.9, 0.999, 1e-8, 1),
        AdamCoefficients.of(0.5, 0.5, 0.9, 1e-3, 3), AdamCoefficients.of(1e-2, 0.9, 0.999, 1e-8, 5000)};

    private static final List<Shape> SHAPES = List.of(Shape.of(3, 5), Shape.of(1, 7), Shape.of(300, 513));

    /** param, grad, expAvg, expAvgSq and maxExpAvgSq (the last two non-negative). */
    private static List<TensorData> inputs(Shape s, DType dt, long seed) {
        Random r = new Random(seed);
        List<TensorData> in = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            double[] v = new double[s.numelInt()];
            for (int i = 0; i < v.length; i++) {
                v[i] = k >= 3 ? r.nextDouble() * 3 : r.nextGaussian();
            }
            in.add(TensorData.fromDoubles(v, s, dt));
        }
        return in;
    }

    /** The cpu backend with {@code adamStep} left to the interface's composed default. */
    private Backend composed() {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().equals("adamStep")) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            try {
                return method.invoke(cpu, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Backend) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Backend.class}, h);
    }

    /** The four outputs of one step on {@code b}, inputs in {@code layout} (cpu tensors) or uploaded (another backend). */
    private List<TensorData> step(Backend b, List<TensorData> in, boolean amsgrad, AdamCoefficients c, Layout layout) {
        boolean cpuTensors = b == cpu || Proxy.isProxyClass(b.getClass());
        List<TensorPrimitive> args = new ArrayList<>();
        for (TensorData d : in) {
            args.add(cpuTensors ? PoolViews.create(cpu, d, layout) : b.fromData(d, b.defaultDevice()));
        }
        try {
            AdamUpdate u = b.adamStep(args.get(0), args.get(1), args.get(2), args.get(3), amsgrad ? args.get(4) : null, c);
            List<TensorData> out = new ArrayList<>();
            for (TensorPrimitive t : new TensorPrimitive[] {u.param(), u.expAvg(), u.expAvgSq(), u.maxExpAvgSq()}) {
                out.add(t == null ? null : PoolViews.take(b, t));
            }
            return out;
        } finally {
            args.forEach(TensorPrimitive::release);
        }
    }

    private static void assertSameOutputs(String what, List<TensorData> expected, List<TensorData> actual) {
        String[] names = {"param", "expAvg", "expAvgSq", "maxExpAvgSq"};
        for (int k = 0; k < names.length; k++) {
            if (expected.get(k) == null) {
                assertNull(actual.get(k), what + " " + names[k]);
            } else {
                PoolViews.assertSame(what + " " + names[k], expected.get(k), actual.get(k));
            }
        }
    }

    /** Runs {@code check} over every dtype, shape, coefficient set and AMSGrad setting. */
    private static void forAll(Case check) {
        for (DType dt : List.of(DType.F32, DType.F64)) {
            for (Shape s : SHAPES) {
                for (int k = 0; k < STEPS.length; k++) {
                    for (boolean amsgrad : new boolean[] {false, true}) {
                        check.run(dt + " " + s + " " + STEPS[k] + (amsgrad ? " amsgrad" : ""), inputs(s, dt, k), amsgrad, STEPS[k]);
                    }
                }
            }
        }
    }

    private interface Case {
        void run(String what, List<TensorData> in, boolean amsgrad, AdamCoefficients c);
    }

    @Test
    void roundsAsTheComposedOpsOfThisBackend() {
        Backend composed = composed();
        forAll((what, in, amsgrad, c) -> assertSameOutputs(what, step(composed, in, amsgrad, c, Layout.DENSE), step(cpu, in, amsgrad, c,
                Layout.DENSE)));
    }

    /** ND4J's fused step rounds as its tensor ops do, with the scalars rounded to the dtype first. */
    @Test
    void matchesNd4jBitForBit() {
        Backend nd4j = Backends.get("nd4j");
        forAll((what, in, amsgrad, c) -> assertSameOutputs(what, step(nd4j, in, amsgrad, c, Layout.DENSE), step(cpu, in, amsgrad, c,
                Layout.DENSE)));
    }

    @Test
    void viewsGiveTheDenseResult() {
        long live = cpu.memoryStats().liveTensors();
        forAll((what, in, amsgrad, c) -> {
            List<TensorData> dense = step(cpu, in, amsgrad, c, Layout.DENSE);
            for (Layout layout : List.of(Layout.TRANSPOSED, Layout.STRIDED)) {
                assertSameOutputs(what + " " + layout, dense, step(cpu, in, amsgrad, c, layout));
            }
        });
        assertEquals(live, cpu.memoryStats().liveTensors());
    }

    @Test
    void rejectsOperandsOfAnotherShapeOrDtype() {
        List<TensorData> in = inputs(Shape.of(2, 3), DType.F32, 1);
        CpuTensor p = PoolViews.create(cpu, in.get(0), Layout.DENSE);
        CpuTensor other = PoolViews.create(cpu, inputs(Shape.of(3, 2), DType.F32, 2).get(1), Layout.DENSE);
        CpuTensor f64 = PoolViews.create(cpu, in.get(1).convert(DType.F64), Layout.DENSE);
        CpuTensor ints = PoolViews.create(cpu, in.get(0).convert(DType.I32), Layout.DENSE);
        assertThrows(IllegalArgumentException.class, () -> cpu.adamStep(p, other, p, p, null, STEPS[0]));
        assertThrows(IllegalArgumentException.class, () -> cpu.adamStep(p, p, p, f64, null, STEPS[0]));
        assertThrows(IllegalArgumentException.class, () -> cpu.adamStep(p, p, p, p, other, STEPS[0]));
        assertThrows(IllegalArgumentException.class, () -> cpu.adamStep(ints, ints, ints, ints, null, STEPS[0]));
        for (CpuTensor t : List.of(p, other, f64, ints)) {
            t.release();
        }
    }
    /** Dense inputs nobody else holds: the results take the memory of the param and the moments they replace. */
    @Test
    void writesIntoConsumedInputsThatNothingElseHolds() {
        forAll((what, in, amsgrad, c) -> {
            List<TensorData> expected = step(composed(), in, amsgrad, c, Layout.DENSE);
            CpuTensor[] t = upload(in);
            long[] before = {t[0].address(), t[2].address(), t[3].address(), t[4].address()};
            AdamUpdate u = cpu.adamStep(t[0], t[1], t[2], t[3], amsgrad ? t[4] : null, c);
            TensorPrimitive[] results = {u.param(), u.expAvg(), u.expAvgSq(), u.maxExpAvgSq()};
            for (int k = 0; k < results.length; k++) {
                if (results[k] != null) {
                    assertEquals(before[k], ((CpuTensor) results[k]).address(), what + " output " + k);
                }
            }
            releaseAll(t);
            assertSameOutputs(what, expected, take(results));
        });
    }

    /** A consumed input that another reference or a view still reads keeps its values; its result goes elsewhere. */
    @Test
    void leavesInputsThatAreStillReadUntouched() {
        long live = cpu.memoryStats().liveTensors();
        forAll((what, in, amsgrad, c) -> {
            List<TensorData> expected = step(composed(), in, amsgrad, c, Layout.DENSE);
            for (int held : amsgrad ? new int[] {0, 2, 3, 4} : new int[] {0, 2, 3}) {
                for (boolean view : new boolean[] {false, true}) {
                    CpuTensor[] t = upload(in);
                    TensorPrimitive reader = view ? t[held].view(t[held].shape(), t[held].offset(), t[held].strides()) : t[held].retain();
                    AdamUpdate u = cpu.adamStep(t[0], t[1], t[2], t[3], amsgrad ? t[4] : null, c);
                    TensorPrimitive[] results = {u.param(), u.expAvg(), u.expAvgSq(), u.maxExpAvgSq()};
                    int slot = held == 0 ? 0 : held - 1;
                    assertNotEquals(t[held].address(), ((CpuTensor) results[slot]).address(), what + " held " + held);
                    releaseAll(t);
                    PoolViews.assertSame(what + " held " + held + " (view " + view + ")", in.get(held), PoolViews.take(cpu, reader));
                    assertSameOutputs(what + " held " + held, expected, take(results));
                }
            }
        });
        assertEquals(live, cpu.memoryStats().liveTensors());
    }

    /** One tensor passed as two operands is read as both, not overwritten as one. */
    @Test
    void anOperandPassedTwiceIsNotOverwritten() {
        List<TensorData> in = inputs(Shape.of(300, 513), DType.F32, 3);
        List<TensorData> same = List.of(in.get(0), in.get(1), in.get(0), in.get(3), in.get(4));
        List<TensorData> expected = step(composed(), same, false, STEPS[0], Layout.DENSE);
        CpuTensor p = PoolViews.create(cpu, in.get(0), Layout.DENSE);
        CpuTensor g = PoolViews.create(cpu, in.get(1), Layout.DENSE);
        CpuTensor v = PoolViews.create(cpu, in.get(3), Layout.DENSE);
        AdamUpdate u = cpu.adamStep(p, g, p, v, null, STEPS[0]);
        assertNotEquals(p.address(), ((CpuTensor) u.param()).address());
        assertNotEquals(p.address(), ((CpuTensor) u.expAvg()).address());
        releaseAll(new CpuTensor[] {p, g, v});
        assertSameOutputs("param as expAvg", expected, take(new TensorPrimitive[] {u.param(), u.expAvg(), u.expAvgSq(), null}));
    }

    /** The tensor API closes the inputs it consumed and leaves the gradient open. */
    @Test
    void theTensorApiConsumesParamAndMoments() {
        TensorOptions options = TensorOptions.on(Device.of("cpu").autodiff());
        Tensor2 param = Tensor2.of(new float[][] {{1, -2, 3}, {0.5f, 4, -1}}, options).requireGrad();
        Tensor2 grad = Tensor2.of(new float[][] {{0.1f, 0.2f, -0.3f}, {1, -1, 0}}, options);
        Tensor2 m = Tensor2.zeros(param.shape(), options);
        Tensor2 v = Tensor2.zeros(param.shape(), options);
        AdamTensors<Tensor2> next = OptimizerKernels.adam(param, grad, m, v, null, AdamCoefficients.of(0.1, 0.9, 0.999, 1e-8, 1));
        assertTrue(param.isClosed() && m.isClosed() && v.isClosed());
        assertTrue(!grad.isClosed());
        // lr 0.1, first step: every element with a non-zero gradient moves by about lr against its sign.
        assertEquals(0.9, next.param().toDoubleArray()[0], 1e-6);
        for (Tensor2 t : List.of(grad, next.param(), next.expAvg(), next.expAvgSq())) {
            t.close();
        }
    }

    /** Through autodiff, a consumed tensor that another reference still holds is not written over. */
    @Test
    void autodiffGuardsASharedConsumedInput() {
        Backend autodiff = Backends.get("autodiff(cpu)");
        List<TensorData> in = inputs(Shape.of(300, 513), DType.F32, 4);
        List<TensorData> expected = step(composed(), in, false, STEPS[0], Layout.DENSE);
        for (int held : new int[] {0, 2, 3}) {
            TensorPrimitive[] t = new TensorPrimitive[4];
            for (int k = 0; k < 4; k++) {
                t[k] = autodiff.fromData(in.get(k), autodiff.defaultDevice());
            }
            TensorPrimitive reader = t[held].retain();
            AdamUpdate u = autodiff.adamStep(t[0], t[1], t[2], t[3], null, STEPS[0]);
            for (TensorPrimitive x : t) {
                x.release();
            }
            PoolViews.assertSame("held " + held, in.get(held), PoolViews.take(autodiff, reader));
            List<TensorData> out = new ArrayList<>();
            for (TensorPrimitive r : new TensorPrimitive[] {u.param(), u.expAvg(), u.expAvgSq()}) {
                out.add(PoolViews.take(autodiff, r));
            }
            out.add(null);
            assertSameOutputs("held " + held, expected, out);
        }
    }

    private CpuTensor[] upload(List<TensorData> in) {
        CpuTensor[] t = new CpuTensor[in.size()];
        for (int k = 0; k < t.length; k++) {
            t[k] = PoolViews.create(cpu, in.get(k), Layout.DENSE);
        }
        return t;
    }

    private static void releaseAll(CpuTensor[] t) {
        for (CpuTensor x : t) {
            x.release();
        }
    }

    private List<TensorData> take(TensorPrimitive[] results) {
        List<TensorData> out = new ArrayList<>();
        for (TensorPrimitive t : results) {
            out.add(t == null ? null : PoolViews.take(cpu, t));
        }
        return out;
    }
}
