package dev.burnj.backend.nd4j;

import dev.burnj.backend.AdamArrays;
import dev.burnj.backend.AdamCoefficients;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element loops that the JVM runs directly on arrays' native memory: where libnd4j is pathologically slow
 * ({@code select}: about 70 ns an element, 1.6 M elements in 116 ms where a multiply takes 0.4 ms; the serialised
 * {@code scatter_add} that duplicates force) and where it has no fused kernel (the Adam update). A loop here costs
 * one pass over memory and no JNI call. Operands must be dense row-major ({@link #isDense}) or single elements,
 * which broadcast.
 */
final class DirectLoops {
    private DirectLoops() {}

    /** Whether {@code a} is laid out as {@code a.length()} consecutive elements from {@code a.offset()}. */
    static boolean isDense(INDArray a) {
        // From the strides, not ordering() or elementWiseStride(): ND4J reports those inconsistently for views with
        // unit dims (a [1, 256] row view can say 'f' or ews 0 and still be 256 consecutive elements).
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 1) {
                continue;
            }
            if (stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /**
     * {@code out[i] = condition[i] ? onTrue[i] : onFalse[i]}, copying elements bit for bit (so NaNs and signed zeros
     * survive). {@code condition} is BOOL; {@code onTrue}, {@code onFalse} and {@code out} share one dtype; each
     * operand is dense with {@code out}'s length, or a single element used everywhere.
     */
    static void select(INDArray condition, INDArray onTrue, INDArray onFalse, INDArray out) {
        if (condition.dataType() != DataType.BOOL || onTrue.dataType() != out.dataType() || onFalse.dataType() != out.dataType()) {
            throw new IllegalArgumentException("select: expected a BOOL condition and values of the output's type " + out.dataType() + ", got "
                    + condition.dataType() + ", " + onTrue.dataType() + " and " + onFalse.dataType());
        }
        long n = out.length();
        ByteBuffer c = bytes(condition);
        long cAt = condition.offset();
        long cStep = condition.length() == 1 ? 0 : 1;
        long tAt = onTrue.offset();
        long tStep = onTrue.length() == 1 ? 0 : 1;
        long fAt = onFalse.offset();
        long fStep = onFalse.length() == 1 ? 0 : 1;
        long oAt = out.offset();
        int size = out.dataType().width();
        if (n > Integer.MAX_VALUE || maxIndex(condition, onTrue, onFalse, out) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("select: " + n + " elements exceed the direct loop's int indexing");
        }
        switch (size) {
            case 8 -> {
                LongBuffer t = bytes(onTrue).asLongBuffer();
                LongBuffer f = bytes(onFalse).asLongBuffer();
                LongBuffer o = bytes(out).asLongBuffer();
                for (long i = 0; i < n; i++) {
                    o.put((int) (oAt + i), c.get((int) (cAt + i * cStep)) != 0 ? t.get((int) (tAt + i * tStep)) : f.get((int) (fAt + i * fStep)));
                }
            }
            case 4 -> {
                IntBuffer t = bytes(onTrue).asIntBuffer();
                IntBuffer f = bytes(onFalse).asIntBuffer();
                IntBuffer o = bytes(out).asIntBuffer();
                for (long i = 0; i < n; i++) {
                    o.put((int) (oAt + i), c.get((int) (cAt + i * cStep)) != 0 ? t.get((int) (tAt + i * tStep)) : f.get((int) (fAt + i * fStep)));
                }
            }
            case 2 -> {
                ShortBuffer t = bytes(onTrue).asShortBuffer();
                ShortBuffer f = bytes(onFalse).asShortBuffer();
                ShortBuffer o = bytes(out).asShortBuffer();
                for (long i = 0; i < n; i++) {
                    o.put((int) (oAt + i), c.get((int) (cAt + i * cStep)) != 0 ? t.get((int) (tAt + i * tStep)) : f.get((int) (fAt + i * fStep)));
                }
            }
            case 1 -> {
                ByteBuffer t = bytes(onTrue);
                ByteBuffer f = bytes(onFalse);
                ByteBuffer o = bytes(out);
                for (long i = 0; i < n; i++) {
                    o.put((int) (oAt + i), c.get((int) (cAt + i * cStep)) != 0 ? t.get((int) (tAt + i * tStep)) : f.get((int) (fAt + i * fStep)));
                }
            }
            default -> throw new IllegalArgumentException("select: no direct loop for " + out.dataType() + " (" + size + " bytes an element)");
        }
    }

    /** Whether {@link #scatterAdd} handles {@code type}. */
    static boolean scatterAdds(DataType type) {
        return type == DataType.FLOAT || type == DataType.DOUBLE;
    }

    /**
     * {@code target[positions[i]] += updates[i]} in index order, so duplicates accumulate exactly as a sequential
     * loop would. {@code target} and {@code updates} are FLOAT or DOUBLE of one type, {@code positions} LONG; all
     * dense; every position must lie in {@code [0, target.length())}.
     */
    static void scatterAdd(INDArray target, INDArray positions, INDArray updates) {
        long n = positions.length();
        long limit = target.length();
        LongBuffer p = bytes(positions).asLongBuffer();
        long pAt = positions.offset();
        long tAt = target.offset();
        long uAt = updates.offset();
        if (maxIndex(target, positions, updates) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("scatter: " + n + " updates exceed the direct loop's int indexing");
        }
        if (target.dataType() == DataType.FLOAT) {
            FloatBuffer t = bytes(target).asFloatBuffer();
            FloatBuffer u = bytes(updates).asFloatBuffer();
            for (long i = 0; i < n; i++) {
                int at = (int) (tAt + checked(p.get((int) (pAt + i)), limit));
                t.put(at, t.get(at) + u.get((int) (uAt + i)));
            }
        } else {
            DoubleBuffer t = bytes(target).asDoubleBuffer();
            DoubleBuffer u = bytes(updates).asDoubleBuffer();
            for (long i = 0; i < n; i++) {
                int at = (int) (tAt + checked(p.get((int) (pAt + i)), limit));
                t.put(at, t.get(at) + u.get((int) (uAt + i)));
            }
        }
    }

    /**
     * The Adam step of {@link dev.burnj.backend.OptimizerOps#adamStep} over dense FLOAT or DOUBLE arrays of one
     * length, into fresh outputs ({@code max} and {@code maxOut} null without AMSGrad). Each operation rounds to the
     * arrays' type in the order of the composed formula, as the tensor ops would.
     */
    static void adam(INDArray p, INDArray g, INDArray m, INDArray v, INDArray max, INDArray pOut, INDArray mOut, INDArray vOut, INDArray maxOut,
            AdamCoefficients c) {
        INDArray[] all = max == null ? new INDArray[] {p, g, m, v, pOut, mOut, vOut} : new INDArray[] {p, g, m, v, max, pOut, mOut, vOut, maxOut};
        for (INDArray a : all) {
            if (a.dataType() != p.dataType() || a.length() != p.length() || !isDense(a)) {
                throw new IllegalArgumentException("adam: expected dense " + p.dataType() + " arrays of " + p.length() + " elements, got "
                        + a.dataType() + " " + Arrays.toString(a.shape()));
            }
        }
        if (maxIndex(all) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("adam: " + p.length() + " elements exceed the direct loop's int indexing");
        }
        int n = (int) p.length();
        if (p.dataType() == DataType.FLOAT) {
            adamFloat(n, floats(p), floats(g), floats(m), floats(v), max == null ? null : floats(max), floats(pOut), floats(mOut), floats(vOut),
                    max == null ? null : floats(maxOut), c);
        } else if (p.dataType() == DataType.DOUBLE) {
            adamDouble(n, doubles(p), doubles(g), doubles(m), doubles(v), max == null ? null : doubles(max), doubles(pOut), doubles(mOut),
                    doubles(vOut), max == null ? null : doubles(maxOut), c);
        } else {
            throw new IllegalArgumentException("adam: no direct loop for " + p.dataType());
        }
    }

    /** Elements per chunk: Adam's operands go through heap arrays this long, which the JIT's loops vectorise. */
    private static final int CHUNK = 4096;
    private static final ThreadLocal<float[][]> FLOAT_CHUNKS = ThreadLocal.withInitial(() -> new float[5][CHUNK]);
    private static final ThreadLocal<double[][]> DOUBLE_CHUNKS = ThreadLocal.withInitial(() -> new double[5][CHUNK]);

    // The element update is AdamArrays, which rounds as the composed ops do, and so as libnd4j's would: the scalars round to
    // the element type first, as a libnd4j scalar op takes them.
    private static void adamFloat(int n, FloatView p, FloatView g, FloatView m, FloatView v, FloatView max, FloatView pOut, FloatView mOut,
            FloatView vOut, FloatView maxOut, AdamCoefficients c) {
        float[][] chunk = FLOAT_CHUNKS.get();
        float[] pc = chunk[0];
        float[] gc = chunk[1];
        float[] mc = chunk[2];
        float[] vc = chunk[3];
        float[] xc = chunk[4];
        for (int at = 0; at < n; at += CHUNK) {
            int len = Math.min(CHUNK, n - at);
            p.get(at, pc, len);
            g.get(at, gc, len);
            m.get(at, mc, len);
            v.get(at, vc, len);
            if (max != null) {
                max.get(at, xc, len);
            }
            AdamArrays.updateF32(pc, gc, mc, vc, max == null ? null : xc, len, c);
            pOut.put(at, pc, len);
            mOut.put(at, mc, len);
            vOut.put(at, vc, len);
            if (max != null) {
                maxOut.put(at, xc, len);
            }
        }
    }

    private static void adamDouble(int n, DoubleView p, DoubleView g, DoubleView m, DoubleView v, DoubleView max, DoubleView pOut, DoubleView mOut,
            DoubleView vOut, DoubleView maxOut, AdamCoefficients c) {
        double[][] chunk = DOUBLE_CHUNKS.get();
        double[] pc = chunk[0];
        double[] gc = chunk[1];
        double[] mc = chunk[2];
        double[] vc = chunk[3];
        double[] xc = chunk[4];
        for (int at = 0; at < n; at += CHUNK) {
            int len = Math.min(CHUNK, n - at);
            p.get(at, pc, len);
            g.get(at, gc, len);
            m.get(at, mc, len);
            v.get(at, vc, len);
            if (max != null) {
                max.get(at, xc, len);
            }
            AdamArrays.updateF64(pc, gc, mc, vc, max == null ? null : xc, len, c);
            pOut.put(at, pc, len);
            mOut.put(at, mc, len);
            vOut.put(at, vc, len);
            if (max != null) {
                maxOut.put(at, xc, len);
            }
        }
    }

    /** A dense FLOAT array's elements, indexed from 0, moved in bulk. */
    private record FloatView(FloatBuffer buffer, int offset) {
        void get(int at, float[] to, int len) {
            buffer.get(offset + at, to, 0, len);
        }

        void put(int at, float[] from, int len) {
            buffer.put(offset + at, from, 0, len);
        }
    }

    /** A dense DOUBLE array's elements, indexed from 0, moved in bulk. */
    private record DoubleView(DoubleBuffer buffer, int offset) {
        void get(int at, double[] to, int len) {
            buffer.get(offset + at, to, 0, len);
        }

        void put(int at, double[] from, int len) {
            buffer.put(offset + at, from, 0, len);
        }
    }

    private static FloatView floats(INDArray a) {
        return new FloatView(bytes(a).asFloatBuffer(), (int) a.offset());
    }

    private static DoubleView doubles(INDArray a) {
        return new DoubleView(bytes(a).asDoubleBuffer(), (int) a.offset());
    }

    private static long checked(long position, long limit) {
        if (position < 0 || position >= limit) {
            throw new IndexOutOfBoundsException("scatter: position " + position + " is outside [0, " + limit + ")");
        }
        return position;
    }

    /** The array's whole underlying buffer in native order, indexed in elements from its start (as {@code offset()} is). */
    private static ByteBuffer bytes(INDArray a) {
        ByteBuffer b = a.data().asNio().duplicate();
        b.clear();
        return b.order(ByteOrder.nativeOrder());
    }

    private static long maxIndex(INDArray... arrays) {
        long max = 0;
        for (INDArray a : arrays) {
            max = Math.max(max, a.offset() + a.length());
        }
        return max;
    }
}
