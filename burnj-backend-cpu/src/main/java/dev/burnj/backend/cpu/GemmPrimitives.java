package dev.burnj.backend.cpu;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;

/**
 * oneDNN matmul primitives for the F32 products that its sgemm runs slowly: those whose B is read transposed, such as
 * a linear layer's {@code x W^T}. There the primitive's brgemm kernels are 1.2x to 3x faster than sgemm once M is 16
 * or more and the product is not tiny (64x784x256: 57 against 74 us; 128x1024x128: 73 against 212 us); elsewhere the
 * two are even, or sgemm wins (small products, matrix-vector ones). Building a primitive takes some 300 us, so each
 * is built once per layout and cached; a layout oneDNN rejects is remembered and left to sgemm. The choice depends
 * only on the layout, so the same product always runs the same kernel and rounds the same way.
 */
final class GemmPrimitives {
    /** From this many multiply-adds (and {@link #MIN_ROWS} rows) a product with a transposed B runs as a primitive. */
    private static final long MIN_WORK = 1 << 17;
    private static final long MIN_ROWS = 16;
    /** Enough for the layers of several models; older entries are left to the garbage collector. */
    private static final int CAPACITY = 128;

    private record Key(long m, long n, long k, byte transA, byte transB, long lda, long ldb, long ldc, boolean accumulate, int slot) {}

    private static final Map<Key, Optional<Step>> STEPS = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Optional<Step>> eldest) {
            return size() > CAPACITY;
        }
    };

    private GemmPrimitives() {}

    /** Whether a product of this layout should run as a primitive rather than through sgemm. */
    static boolean prefers(long m, long n, long k, GemmF32.Layout lb) {
        return lb.trans() == 'T' && m >= MIN_ROWS && m * n * k >= MIN_WORK;
    }

    /**
     * {@code c = a x b}, or {@code c += a x b} with {@code accumulate} (a sum post-op), ({@code m x k} by
     * {@code k x n}, c's rows {@code ldc} apart) on a cached primitive; false,
     * having done nothing, when oneDNN has no primitive for the layout. Each {@code slot} (a piece of a split
     * product) has primitives of its own, since the pieces run at once and a primitive's runs are serialised.
     */
    static boolean multiply(GemmF32.Layout la, GemmF32.Layout lb, long m, long n, long k, long a, long b, long c, long ldc, boolean accumulate,
            int slot) {
        Key key = new Key(m, n, k, la.trans(), lb.trans(), la.ld(), lb.ld(), ldc, accumulate, slot);
        Step step;
        synchronized (STEPS) {
            Optional<Step> known = STEPS.get(key);
            if (known == null) {
                known = Optional.ofNullable(Step.build(key));
                STEPS.put(key, known);
            }
            step = known.orElse(null);
        }
        if (step == null) {
            return false;
        }
        step.run(a, b, c);
        return true;
    }

    /**
     * One primitive with its argument memories (their data handles set per run), its own stream and its own
     * scratchpad, so that different steps may run at once; runs of one step are serialised.
     */
    private static final class Step {
        private final matmul op;
        private final memory a;
        private final memory b;
        private final memory c;
        private final IntMemoryMap args = new IntMemoryMap();
        private final stream stream;

        private Step(matmul.primitive_desc pd, memory.desc ad, memory.desc bd, memory.desc cd) {
            var engine = Dnnl.get().engine();
            op = new matmul(pd);
            a = new memory(ad, engine, null);
            b = new memory(bd, engine, null);
            c = new memory(cd, engine, null);
            args.put(dnnl.DNNL_ARG_SRC, a);
            args.put(dnnl.DNNL_ARG_WEIGHTS, b);
            args.put(dnnl.DNNL_ARG_DST, c);
            memory.desc scratch = pd.scratchpad_desc();
            if (scratch.get_size() > 0) {
                args.put(dnnl.DNNL_ARG_SCRATCHPAD, new memory(scratch, engine));
            }
            stream = new stream(engine);
        }

        static Step build(Key key) {
            memory.desc ad = matrix(key.m(), key.k(), key.transA(), key.lda());
            memory.desc bd = matrix(key.k(), key.n(), key.transB(), key.ldb());
            memory.desc cd = matrix(key.m(), key.n(), (byte) 'N', key.ldc());
            try {
                primitive_attr attr = new primitive_attr();
                attr.set_scratchpad_mode(dnnl.scratchpad_mode.user);
                if (key.accumulate()) {
                    post_ops sum = new post_ops();
                    sum.append_sum();
                    attr.set_post_ops(sum);
                }
                return new Step(new matmul.primitive_desc(new matmul.desc(ad, bd, cd), attr, Dnnl.get().engine()), ad, bd, cd);
            } catch (RuntimeException unimplemented) {
                // oneDNN reports a layout it has no kernel for as an exception: sgemm takes it.
                return null;
            }
        }

        /** A {@code rows x cols} F32 matrix stored with leading dimension {@code ld}, transposed when {@code trans} is 'T'. */
        private static memory.desc matrix(long rows, long cols, byte trans, long ld) {
            long[] strides = trans == 'T' ? new long[] {1, ld} : new long[] {ld, 1};
            return new memory.desc(new long[] {rows, cols}, memory.data_type.f32, strides);
        }

        synchronized void run(long a, long b, long c) {
            this.a.set_data_handle(Dnnl.pointer(a));
            this.b.set_data_handle(Dnnl.pointer(b));
            this.c.set_data_handle(Dnnl.pointer(c));
            op.execute(stream, args);
            stream._wait();
        }
    }
}
