package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.burnj.backend.ConvGradients;
import dev.burnj.backend.ConvOptions;
import dev.burnj.backend.ConvTransposeOptions;
import dev.burnj.backend.MemoryCounter;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The F32 oneDNN convolution path against the F64 Java path on random inputs, across stride, padding, dilation,
 * groups and output padding (the conformance suite checks the Java path against its reference; this checks that the
 * oneDNN path agrees with it, and that it really is oneDNN that runs).
 */
class ConvPathsTest {
    private static final MemoryCounter COUNTER = new MemoryCounter();
    private static final Device DEVICE = new Device(new CpuBackend(), "cpu", 0);
    private final Transfers transfers = new Transfers(COUNTER);
    private final Convolutions conv = new Convolutions(transfers);

    private record Case(int[] input, int[] weight, int[] stride, int[] pad, int[] dilation, int groups, int[] outputPad, boolean bias) {
        boolean transposed() {
            return outputPad != null;
        }

        ConvOptions options() {
            return new ConvOptions(stride, pad, dilation, groups);
        }

        ConvTransposeOptions transposeOptions() {
            return new ConvTransposeOptions(stride, pad, outputPad, dilation, groups);
        }

        ConvGeometry geometry() {
            return transposed() ? ConvGeometry.ofTransposed(input, weight, transposeOptions()) : ConvGeometry.of(input, weight, options());
        }

        int biasSize() {
            return transposed() ? weight[1] * groups : weight[0];
        }

        @Override
        public String toString() {
            return (transposed() ? "convT" : "conv") + " x" + List.of(box(input)) + " w" + List.of(box(weight)) + " s" + List.of(box(stride))
                    + " p" + List.of(box(pad)) + " d" + List.of(box(dilation)) + " g" + groups
                    + (transposed() ? " op" + List.of(box(outputPad)) : "") + (bias ? " +b" : "");
        }

        private static Integer[] box(int[] a) {
            return Arrays.stream(a).boxed().toArray(Integer[]::new);
        }
    }

    private static int[] a(int... v) {
        return v;
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(a(2, 1, 28, 28), a(8, 1, 3, 3), a(1, 1), a(1, 1), a(1, 1), 1, null, true));
        cases.add(new Case(a(2, 8, 14, 14), a(16, 8, 3, 3), a(1, 1), a(1, 1), a(1, 1), 1, null, true));
        cases.add(new Case(a(3, 3, 9, 7), a(4, 3, 3, 2), a(2, 1), a(1, 0), a(1, 1), 1, null, false));
        cases.add(new Case(a(1, 4, 11, 10), a(6, 2, 3, 3), a(1, 2), a(2, 1), a(2, 1), 2, null, true));
        cases.add(new Case(a(2, 6, 9, 9), a(6, 1, 3, 3), a(2, 2), a(1, 1), a(1, 1), 6, null, true));
        cases.add(new Case(a(1, 6, 12, 13), a(9, 2, 2, 3), a(3, 2), a(0, 2), a(3, 2), 3, null, false));
        cases.add(new Case(a(2, 5, 6, 6), a(7, 5, 1, 1), a(1, 1), a(0, 0), a(1, 1), 1, null, true));
        cases.add(new Case(a(1, 16, 8, 8), a(32, 16, 5, 5), a(1, 1), a(2, 2), a(1, 1), 1, null, true));
        cases.add(new Case(a(2, 4, 5, 5), a(4, 3, 3, 3), a(1, 1), a(0, 0), a(1, 1), 1, a(0, 0), true));
        cases.add(new Case(a(2, 8, 7, 7), a(8, 4, 4, 4), a(2, 2), a(1, 1), a(1, 1), 1, a(0, 0), true));
        cases.add(new Case(a(1, 3, 4, 5), a(3, 2, 3, 3), a(2, 3), a(1, 0), a(1, 1), 1, a(1, 2), false));
        cases.add(new Case(a(1, 6, 4, 4), a(6, 2, 3, 2), a(2, 1), a(0, 1), a(2, 2), 3, a(1, 1), true));
        cases.add(new Case(a(2, 4, 3, 5), a(4, 1, 2, 3), a(3, 2), a(1, 0), a(1, 2), 2, a(2, 1), false));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> oneDnnAgreesWithTheJavaPath() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c, false)));
    }

    @TestFactory
    Stream<DynamicTest> stridedInputsMatchDenseOnes() {
        return cases().stream().limit(4).map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c, true)));
    }

    /**
     * With oneDNN single-threaded ({@link OneDnnThreads}) a large pass is cut by batch, one piece per worker, and
     * the pieces' weight and bias gradients are summed: odd batches, groups, and both kinds of convolution.
     */
    @TestFactory
    Stream<DynamicTest> batchesSplitAcrossWorkersAgreeWithTheJavaPath() {
        List<Case> cases = List.of(
                new Case(a(5, 8, 14, 14), a(16, 8, 3, 3), a(1, 1), a(1, 1), a(1, 1), 1, null, true),
                new Case(a(4, 1, 28, 28), a(32, 1, 3, 3), a(1, 1), a(1, 1), a(1, 1), 1, null, false),
                new Case(a(3, 12, 20, 20), a(24, 4, 3, 3), a(2, 1), a(1, 1), a(1, 1), 3, null, true),
                new Case(a(5, 16, 9, 9), a(16, 8, 4, 4), a(2, 2), a(1, 1), a(1, 1), 1, a(0, 0), true),
                new Case(a(3, 16, 10, 10), a(16, 8, 3, 3), a(1, 1), a(0, 0), a(1, 1), 1, a(0, 0), false));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            OneDnnThreads.Mode previous = OneDnnThreads.use(OneDnnThreads.Mode.SPLIT);
            try {
                assertTrue(Parallel.threads() == 1 || ConvDnnl.splits(c.geometry()), () -> c + " is not split");
                check(c, false);
            } finally {
                OneDnnThreads.use(previous);
            }
        }));
    }

    @Test
    void outputPaddingBeyondTheStrideFallsBackToJava() {
        // stride 1, dilation 3 and output padding 2 > pad + stride - 1: oneDNN cannot express the extra rows.
        Case c = new Case(a(1, 2, 3, 3), a(2, 2, 2, 2), a(1, 1), a(0, 0), a(3, 3), 1, a(2, 2), true);
        assertNull(c.geometry().padEnd());
        assertFalse(conv.onDnnl(c.geometry(), ConvDnnl.Plan.BACKWARD_DATA));
        check(c, false);
    }

    @Test
    void anEmptyBatchGivesEmptyOutputsAndZeroWeightGradients() {
        for (DType dtype : new DType[] {DType.F32, DType.F64}) {
            Case c = new Case(a(0, 2, 5, 5), a(3, 2, 3, 3), a(1, 1), a(1, 1), a(1, 1), 1, null, true);
            List<double[]> results = run(c, dtype, new double[0], new double[54], new double[3], new double[0], a(0, 3, 5, 5), false);
            assertEquals(0, results.get(0).length);
            assertEquals(0, results.get(1).length);
            assertArrayEquals(new double[54], results.get(2));
            assertArrayEquals(new double[3], results.get(3));
        }
    }

    private void check(Case c, boolean strided) {
        ConvGeometry g = c.geometry();
        if (g.padEnd() != null) {
            for (ConvDnnl.Plan plan : ConvDnnl.Plan.values()) {
                assertTrue(conv.onDnnl(g, plan), () -> "oneDNN declined " + plan + " of " + c);
            }
        }
        Random random = new Random(c.toString().hashCode());
        int[] outShape = outShape(c, g);
        double[] x = values(random, c.input());
        double[] w = values(random, c.weight());
        double[] b = c.bias() ? values(random, a(c.biasSize())) : null;
        double[] dy = values(random, outShape);
        List<double[]> f32 = run(c, DType.F32, x, w, b, dy, outShape, strided);
        List<double[]> f64 = run(c, DType.F64, x, w, b, dy, outShape, false);
        String[] names = {"output", "input grad", "weight grad", "bias grad"};
        for (int i = 0; i < names.length; i++) {
            if (f64.get(i) == null) {
                assertNull(f32.get(i), names[i]);
                continue;
            }
            assertClose(f64.get(i), f32.get(i), c + " " + names[i]);
        }
    }

    private static int[] outShape(Case c, ConvGeometry g) {
        return c.transposed() ? a(g.n(), g.inC(), g.inH(), g.inW()) : a(g.n(), g.outC(), g.outH(), g.outW());
    }

    private List<double[]> run(Case c, DType dtype, double[] x, double[] w, double[] b, double[] dy, int[] outShape, boolean strided) {
        List<CpuTensor> owned = new ArrayList<>();
        Function<CpuTensor, CpuTensor> keep = t -> {
            owned.add(t);
            return t;
        };
        try {
            CpuTensor input = keep.apply(strided ? stridedUpload(x, c.input(), dtype, owned) : upload(x, c.input(), dtype));
            CpuTensor weight = keep.apply(upload(w, c.weight(), dtype));
            CpuTensor bias = b == null ? null : keep.apply(upload(b, a(b.length), dtype));
            CpuTensor grad = keep.apply(upload(dy, outShape, dtype));
            CpuTensor out;
            ConvGradients grads;
            if (c.transposed()) {
                out = keep.apply(conv.convTranspose2d(input, weight, bias, c.transposeOptions()));
                grads = conv.convTranspose2dBackward(input, weight, bias, grad, c.transposeOptions());
            } else {
                out = keep.apply(conv.conv2d(input, weight, bias, c.options()));
                grads = conv.conv2dBackward(input, weight, bias, grad, c.options());
            }
            assertArrayEquals(outShape, out.dims());
            CpuTensor gx = keep.apply((CpuTensor) grads.input());
            CpuTensor gw = keep.apply((CpuTensor) grads.weight());
            CpuTensor gb = grads.bias() == null ? null : keep.apply((CpuTensor) grads.bias());
            assertArrayEquals(c.input(), gx.dims());
            assertArrayEquals(c.weight(), gw.dims());
            assertEquals(b == null, gb == null);
            List<double[]> results = new ArrayList<>();
            for (CpuTensor t : new CpuTensor[] {out, gx, gw, gb}) {
                results.add(t == null ? null : transfers.download(t).toDoubles());
            }
            return results;
        } finally {
            owned.forEach(CpuTensor::release);
        }
    }

    private CpuTensor upload(double[] values, int[] dims, DType dtype) {
        Shape shape = Shape.of(dims);
        return transfers.upload(TensorData.fromDoubles(values, shape, dtype), DEVICE);
    }

    /** The same values as {@link #upload}, in an NHCW block viewed as NCHW: a non-contiguous input. */
    private CpuTensor stridedUpload(double[] values, int[] dims, DType dtype, List<CpuTensor> owned) {
        int n = dims[0];
        int ch = dims[1];
        int h = dims[2];
        int w = dims[3];
        double[] nhcw = new double[values.length];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        nhcw[((i * h + y) * ch + c) * w + x] = values[((i * ch + c) * h + y) * w + x];
                    }
                }
            }
        }
        CpuTensor block = upload(nhcw, a(n, h, ch, w), dtype);
        owned.add(block);
        CpuTensor view = block.view(Shape.of(dims), block.offset(), new long[] {(long) h * ch * w, w, (long) ch * w, 1});
        assertTrue(!view.isContiguous() || ch == 1 || h == 1);
        return view;
    }

    private static double[] values(Random random, int[] dims) {
        double[] v = new double[Math.toIntExact(Shape.of(dims).numel())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > 1e-4 + 1e-4 * Math.abs(expected[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }
}
