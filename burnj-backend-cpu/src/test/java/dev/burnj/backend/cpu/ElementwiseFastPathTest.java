package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnj.backend.Comparison;
import dev.burnj.backend.MemoryCounter;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The fast paths and the generic path of {@link Elementwise} agree: each op runs on dense inputs (fast loops, row
 * broadcasts included) and again with one input at a time presented as a transposed view, a stepped slice, an expanded
 * view or a materialised broadcast, which reach the generic path or other fast loops. Shapes are 2-d and odd-sized;
 * the large ones are split across threads, in the middle of a row.
 */
class ElementwiseFastPathTest {
    private static final List<DType> FLOATS = List.of(DType.F32, DType.F64);
    private static final Shape FULL = Shape.of(37, 45);
    private static final Shape[][] PAIRS = {
        {FULL, FULL}, {FULL, Shape.of(1, 45)}, {FULL, Shape.of(37, 1)}, {Shape.of(37, 1), FULL}, {Shape.of(1, 45), Shape.of(37, 1)},
        {Shape.of(301, 701), Shape.of(301, 701)}, {Shape.of(301, 701), Shape.of(1, 701)},
    };

    private final MemoryCounter counter = new MemoryCounter();
    private final Transfers transfers = new Transfers(counter);
    private final Elementwise ew = new Elementwise(transfers);
    private final Device device = new CpuBackend().devices().get(0);
    private final Random random = new Random(42);

    /** An op under test over its inputs. */
    @FunctionalInterface
    private interface Op {
        CpuTensor apply(List<CpuTensor> inputs);
    }

    /** How an input is handed to the op. */
    private enum Layout {
        DENSE,
        TRANSPOSED,
        STEPPED,
        EXPANDED,
        MATERIALISED
    }

    private record Input(Shape shape, double[] values, DType dtype) {
        Input as(DType other) {
            return new Input(shape, values, other);
        }
    }

    @AfterEach
    void everythingReleased() {
        assertEquals(0, counter.snapshot(0).liveTensors(), "live tensors after the test");
    }

    @Test
    void binaryOps() {
        for (DType dt : FLOATS) {
            for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MAXIMUM, BinaryOp.MINIMUM,
                BinaryOp.POW, BinaryOp.REMAINDER}) {
                for (Shape[] s : PAIRS) {
                    boolean pow = op == BinaryOp.POW;
                    check(op + " " + s[0] + " " + s[1], dt, op != BinaryOp.POW, in -> ew.binary(op, in.get(0), in.get(1)),
                            input(s[0], dt, pow ? 0.2 : -2, 2), input(s[1], dt, pow ? -2 : 0.5, 2));
                }
            }
        }
    }

    @Test
    void scalarOps() {
        for (DType dt : FLOATS) {
            for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MAXIMUM, BinaryOp.MINIMUM,
                BinaryOp.REMAINDER}) {
                check(op + " scalar", dt, true, in -> ew.scalar(op, in.get(0), 0.7), input(FULL, dt, -2, 2));
            }
            for (double e : new double[] {2, 3, -1, 0.5, 1.7}) {
                check("pow scalar " + e, dt, false, in -> ew.scalar(BinaryOp.POW, in.get(0), e), input(FULL, dt, 0.2, 3));
            }
            check("rsub scalar", dt, true, in -> ew.rsubScalar(in.get(0), 1.3), input(FULL, dt, -2, 2));
            check("clamp", dt, true, in -> ew.clamp(in.get(0), -0.5, 0.75), input(FULL, dt, -2, 2));
            check("leakyRelu", dt, true, in -> ew.leakyRelu(in.get(0), 0.2), input(FULL, dt, -2, 2));
        }
    }

    @Test
    void unaryOps() {
        for (DType dt : FLOATS) {
            for (UnaryOp op : UnaryOp.values()) {
                double lo = switch (op) {
                    case LOG, SQRT, RSQRT -> 0.05;
                    case LOG1P -> -0.9;
                    default -> -4;
                };
                boolean exact = switch (op) {
                    case NEG, ABS, SIGN, SQRT, RECIP, FLOOR, CEIL, ROUND, RELU -> true;
                    default -> false;
                };
                check(op.name(), dt, exact, in -> ew.unary(op, in.get(0)), input(FULL, dt, lo, 4));
                check(op.name() + " large", dt, exact, in -> ew.unary(op, in.get(0)), input(Shape.of(301, 701), dt, lo, 4));
            }
        }
    }

    @Test
    void comparisons() {
        for (DType dt : FLOATS) {
            for (Comparison op : Comparison.values()) {
                for (Shape[] s : PAIRS) {
                    check(op + " " + s[0] + " " + s[1], dt, true, in -> ew.compare(in.get(0), in.get(1), op), ties(s[0], dt),
                            ties(s[1], dt));
                }
                check(op + " scalar", dt, true, in -> ew.compareScalar(in.get(0), 0.5, op), ties(FULL, dt));
            }
        }
    }

    @Test
    void selection() {
        for (DType dt : List.of(DType.F32, DType.F64, DType.I32, DType.I64, DType.BOOL)) {
            check("where", dt, true, in -> ew.where(in.get(0), in.get(1), in.get(2)), bools(Shape.of(37, 1)), input(FULL, dt, -9, 9),
                    input(Shape.of(1, 45), dt, -9, 9));
            check("maskFill", dt, true, in -> ew.maskFill(in.get(0), in.get(1), -3), input(FULL, dt, -9, 9), bools(Shape.of(1, 45)));
        }
    }

    @Test
    void intAndBoolOpsOnViews() {
        for (DType dt : List.of(DType.I32, DType.I64)) {
            check("add", dt, true, in -> ew.binary(BinaryOp.ADD, in.get(0), in.get(1)), input(FULL, dt, -9, 9),
                    input(Shape.of(1, 45), dt, -9, 9));
            check("div", dt, true, in -> ew.binary(BinaryOp.DIV, in.get(0), in.get(1)), input(FULL, dt, -9, 9),
                    input(Shape.of(37, 1), dt, 1, 5));
            check("remainder scalar", dt, true, in -> ew.scalar(BinaryOp.REMAINDER, in.get(0), -3), input(FULL, dt, -9, 9));
            check("compare", dt, true, in -> ew.compare(in.get(0), in.get(1), Comparison.GE), input(FULL, dt, -3, 3),
                    input(Shape.of(1, 45), dt, -3, 3));
        }
        check("and", DType.BOOL, true, in -> ew.logical(BinaryOp.AND, in.get(0), in.get(1)), bools(FULL), bools(Shape.of(37, 1)));
        check("not", DType.BOOL, true, in -> ew.not(in.get(0)), bools(FULL));
    }

    private Input input(Shape shape, DType dt, double lo, double hi) {
        double[] v = new double[shape.numelInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = dt.isFloat() ? lo + (hi - lo) * random.nextDouble() : Math.floor(lo + (hi - lo + 1) * random.nextDouble());
        }
        return new Input(shape, v, dt);
    }

    /** Small integers, so that comparisons tie often. */
    private Input ties(Shape shape, DType dt) {
        return input(shape, DType.I64, -2, 2).as(dt);
    }

    private Input bools(Shape shape) {
        return input(shape, DType.I64, 0, 1).as(DType.BOOL);
    }

    /**
     * Runs {@code op} on dense inputs, then with each input in turn in every other layout, and requires the same
     * values: exactly, or for inexact functions within a few float ulps (F32) or double ulps (F64).
     */
    private void check(String name, DType dt, boolean exact, Op op, Input... inputs) {
        Shape out = inputs[0].shape;
        for (Input in : inputs) {
            out = Shape.broadcast(name, out, in.shape);
        }
        double[] expected = run(op, inputs, -1, Layout.DENSE, out);
        for (int k = 0; k < inputs.length; k++) {
            for (Layout layout : Layout.values()) {
                boolean broadcast = !inputs[k].shape.equals(out);
                if (layout == Layout.DENSE || (layout == Layout.EXPANDED || layout == Layout.MATERIALISED) && !broadcast) {
                    continue;
                }
                double[] actual = run(op, inputs, k, layout, out);
                String what = name + " " + dt + " with input " + k + " " + layout;
                assertClose(what, expected, actual, exact ? 0 : dt == DType.F32 ? 5e-7 : 1e-15);
            }
        }
    }

    private double[] run(Op op, Input[] inputs, int special, Layout layout, Shape out) {
        List<CpuTensor> owned = new ArrayList<>();
        List<CpuTensor> args = new ArrayList<>();
        try {
            for (int k = 0; k < inputs.length; k++) {
                args.add(create(inputs[k], k == special ? layout : Layout.DENSE, out, owned));
            }
            CpuTensor result = op.apply(args);
            owned.add(result);
            return transfers.download(result).toDoubles();
        } finally {
            owned.forEach(CpuTensor::release);
        }
    }

    /** {@code in} on the device in {@code layout}; every tensor made is added to {@code owned}. */
    private CpuTensor create(Input in, Layout layout, Shape out, List<CpuTensor> owned) {
        int rows = in.shape.dim(0);
        int cols = in.shape.dim(1);
        double[] v = in.values;
        CpuTensor t = switch (layout) {
            case DENSE -> upload(v, in.shape, in.dtype);
            case TRANSPOSED -> {
                double[] stored = new double[v.length];
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        stored[j * rows + i] = v[i * cols + j];
                    }
                }
                CpuTensor base = upload(stored, Shape.of(cols, rows), in.dtype);
                owned.add(base);
                yield base.view(in.shape, 0, new long[] {1, rows});
            }
            case STEPPED -> {
                double[] stored = new double[(rows + 1) * 2 * cols];
                Arrays.fill(stored, 77);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        stored[(i + 1) * 2 * cols + 2 * j + 1] = v[i * cols + j];
                    }
                }
                CpuTensor base = upload(stored, Shape.of(rows + 1, 2 * cols), in.dtype);
                owned.add(base);
                yield base.view(in.shape, 2L * cols + 1, new long[] {2L * cols, 2});
            }
            case EXPANDED -> {
                CpuTensor base = upload(v, in.shape, in.dtype);
                owned.add(base);
                yield base.view(out, 0, new long[] {rows == 1 ? 0 : cols, cols == 1 ? 0 : 1});
            }
            case MATERIALISED -> {
                int r = out.dim(0);
                int c = out.dim(1);
                double[] full = new double[r * c];
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j < c; j++) {
                        full[i * c + j] = v[(rows == 1 ? 0 : i) * cols + (cols == 1 ? 0 : j)];
                    }
                }
                yield upload(full, out, in.dtype);
            }
        };
        owned.add(t);
        return t;
    }

    private CpuTensor upload(double[] values, Shape shape, DType dtype) {
        return transfers.upload(TensorData.fromDoubles(values, shape, dtype), device);
    }

    private static void assertClose(String what, double[] expected, double[] actual, double rtol) {
        assertEquals(expected.length, actual.length, what + ": element count");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean same = Double.isNaN(e) ? Double.isNaN(a) : Math.abs(a - e) <= rtol * Math.abs(e);
            if (!same) {
                throw new AssertionFailedError(what + ": element " + i + " is " + a + ", dense inputs gave " + e);
            }
        }
    }
}
