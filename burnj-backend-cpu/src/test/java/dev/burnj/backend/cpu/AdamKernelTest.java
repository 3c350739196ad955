package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burnj.backend.AdamCoefficients;
import dev.burnj.backend.AdamUpdate;
import dev.burnj.backend.Backend;
import dev.burnj.backend.Backends;
import dev.burnj.backend.OptimizerOps;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.backend.cpu.PoolViews.Layout;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused Adam step rounds bit for bit as the composed default of {@link OptimizerOps#adamStep} does, on any layout
 * and on parameters large enough to split across threads.
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
}
