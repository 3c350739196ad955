package dev.burnj.backend.cpu;

import dev.burnj.backend.AdamArrays;
import dev.burnj.backend.AdamCoefficients;
import dev.burnj.backend.AdamUpdate;
import dev.burnj.tensor.DType;

/**
 * The fused Adam step of {@link dev.burnj.backend.OptimizerOps#adamStep}: one pass over the elements, where the
 * composed default takes a dozen ops, into the memory of the consumed inputs where nothing else refers to it, else
 * into fresh tensors. The element update is {@link AdamArrays}, which rounds exactly as those ops do. Dense
 * operands run as one flat range split across threads, other layouts row by row ({@link Rows}); either way the
 * elements pass through the thread's {@link HeapChunks}, whose loops the JIT vectorises.
 */
final class AdamKernel {
    /** Operands: the inputs param, grad, expAvg, expAvgSq, maxExpAvgSq, then the outputs in the same order. */
    private static final int OPERANDS = 9;
    /** The first five operands are the inputs. */
    private static final int INPUTS = 5;

    /** Relative cost of an element for {@link Parallel}: vectorised, about that of a copy. */
    private static final long COST = 1;

    /** The chunks the update leaves param, expAvg, expAvgSq and the maximum in, and the operands they go to. */
    private static final int[] UPDATED = {0, 2, 3, 4};
    private static final int[] OUTPUT = {5, 6, 7, 8};

    private final Transfers transfers;

    AdamKernel(Transfers transfers) {
        this.transfers = transfers;
    }

    AdamUpdate step(CpuTensor param, CpuTensor grad, CpuTensor expAvg, CpuTensor expAvgSq, CpuTensor maxExpAvgSq, AdamCoefficients c) {
        DType dt = param.dtype();
        if (dt != DType.F32 && dt != DType.F64) {
            throw new IllegalArgumentException("adamStep: expected an F32 or F64 parameter, got " + dt);
        }
        boolean amsgrad = maxExpAvgSq != null;
        CpuTensor[] t = new CpuTensor[OPERANDS];
        t[0] = param;
        // A linear layer's weight gradient is the transpose view of a product: one tiled copy makes every operand
        // dense, where the row walker would read the view a cache line apart per element (a step of a 512x784
        // weight: 410 -> 215 us; 256x100: 70 -> 23 us).
        CpuTensor denseGrad = transfers.contiguous(check("grad", param, grad));
        t[1] = denseGrad;
        t[2] = check("expAvg", param, expAvg);
        t[3] = check("expAvgSq", param, expAvgSq);
        t[4] = amsgrad ? check("maxExpAvgSq", param, maxExpAvgSq) : null;
        try {
            for (int j = 0; j < UPDATED.length; j++) {
                CpuTensor in = t[UPDATED[j]];
                if (in != null) {
                    t[OUTPUT[j]] = reusable(in, t) ? in.view(in.shape(), in.offset(), in.strides()) : param.allocateLike(param.shape(), dt);
                }
            }
            run(t, c);
            return new AdamUpdate(t[5], t[6], t[7], t[8]);
        } catch (RuntimeException | Error e) {
            for (int k = 5; k < OPERANDS; k++) {
                if (t[k] != null) {
                    t[k].release();
                }
            }
            throw e;
        } finally {
            denseGrad.release();
        }
    }

    /**
     * Whether the result that replaces the consumed input {@code in} may be written into its memory (the SPI allows it
     * when nothing else refers to that memory): no other reference or view, and no other operand on the same block.
     * Every chunk is read before it is written, so the update is safe in place. Reusing the state's memory saves
     * allocating and streaming three new tensors per parameter and step: W3 7.3 -> 6.3 ms a step here.
     */
    private static boolean reusable(CpuTensor in, CpuTensor[] operands) {
        if (!in.isContiguous() || !in.uniquelyOwned()) {
            return false;
        }
        int onBlock = 0;
        for (int k = 0; k < INPUTS; k++) {
            onBlock += operands[k] != null && operands[k].sharesBlock(in) ? 1 : 0;
        }
        return onBlock == 1;
    }

    private static CpuTensor check(String name, CpuTensor param, CpuTensor other) {
        if (!other.shape().equals(param.shape()) || other.dtype() != param.dtype()) {
            throw new IllegalArgumentException("adamStep: " + name + " is " + other.shape() + " " + other.dtype() + ", expected the parameter's "
                    + param.shape() + " " + param.dtype());
        }
        return other;
    }

    /** Runs the step over all elements: as one flat range when every operand is dense, else row by row. */
    private static void run(CpuTensor[] t, AdamCoefficients c) {
        CpuTensor param = t[0];
        int size = param.itemSize();
        boolean f32 = param.dtype() == DType.F32;
        boolean dense = true;
        for (CpuTensor x : t) {
            dense &= x == null || x.isContiguous();
        }
        if (dense) {
            Parallel.forRange(param.numel(), COST, (from, to) -> {
                long[] at = new long[OPERANDS];
                long[] step = new long[OPERANDS];
                for (int k = 0; k < OPERANDS; k++) {
                    if (t[k] != null) {
                        at[k] = t[k].address() + from * size;
                        step[k] = size;
                    }
                }
                stretch(f32, to - from, at, step, c);
            });
            return;
        }
        long[] bases = new long[OPERANDS];
        long[][] strides = new long[OPERANDS][];
        for (int k = 0; k < OPERANDS; k++) {
            // An absent operand walks nothing: zero strides at offset 0.
            strides[k] = t[k] == null ? new long[param.dims().length] : t[k].strides();
        }
        Rows all = Rows.over(param.dims(), bases, strides);
        Parallel.forRange(all.rows(), all.length() * COST, (r0, r1) -> {
            Rows rows = Rows.over(param.dims(), bases, strides).range(r0, r1);
            long[] at = new long[OPERANDS];
            long[] step = new long[OPERANDS];
            while (rows.next()) {
                for (int k = 0; k < OPERANDS; k++) {
                    if (t[k] != null) {
                        at[k] = t[k].address() + rows.offset(k) * size;
                        step[k] = rows.step(k) * size;
                    }
                }
                stretch(f32, rows.length(), at, step, c);
            }
        });
    }

    /**
     * One run of {@code n} elements, operand {@code k} starting at address {@code at[k]} and moving by {@code step[k]}
     * bytes. It goes through the calling thread's heap chunks: loops over Java arrays are the ones the JIT vectorises
     * (the square root and the divisions dominate), where loops over native addresses stay scalar.
     */
    private static void stretch(boolean f32, long n, long[] at, long[] step, AdamCoefficients c) {
        boolean amsgrad = at[4] != 0; // an absent operand has address 0
        HeapChunks chunks = HeapChunks.ofThread();
        Object[] chunk = f32 ? chunks.floats : chunks.doubles;
        int inputs = amsgrad ? 5 : 4;
        for (long done = 0; done < n; done += HeapChunks.LENGTH) {
            int len = (int) Math.min(HeapChunks.LENGTH, n - done);
            for (int k = 0; k < inputs; k++) {
                load(f32, chunk[k], at[k] + done * step[k], step[k], len);
            }
            if (f32) {
                float[][] x = (float[][]) chunk;
                AdamArrays.updateF32(x[0], x[1], x[2], x[3], amsgrad ? x[4] : null, len, c);
            } else {
                double[][] x = (double[][]) chunk;
                AdamArrays.updateF64(x[0], x[1], x[2], x[3], amsgrad ? x[4] : null, len, c);
            }
            for (int j = 0; j < inputs - 1; j++) {
                int k = UPDATED[j];
                store(f32, chunk[k], at[OUTPUT[j]] + done * step[OUTPUT[j]], step[OUTPUT[j]], len);
            }
        }
    }

    private static void load(boolean f32, Object chunk, long at, long step, int n) {
        int size = f32 ? 4 : 8;
        if (step == size) {
            NativeMemory.copyToArray(at, chunk, (long) n * size);
        } else if (f32) {
            float[] a = (float[]) chunk;
            for (int i = 0; i < n; i++, at += step) {
                a[i] = NativeMemory.getFloat(at);
            }
        } else {
            double[] a = (double[]) chunk;
            for (int i = 0; i < n; i++, at += step) {
                a[i] = NativeMemory.getDouble(at);
            }
        }
    }

    private static void store(boolean f32, Object chunk, long at, long step, int n) {
        int size = f32 ? 4 : 8;
        if (step == size) {
            NativeMemory.copyFromArray(chunk, at, (long) n * size);
        } else if (f32) {
            float[] a = (float[]) chunk;
            for (int i = 0; i < n; i++, at += step) {
                NativeMemory.putFloat(at, a[i]);
            }
        } else {
            double[] a = (double[]) chunk;
            for (int i = 0; i < n; i++, at += step) {
                NativeMemory.putDouble(at, a[i]);
            }
        }
    }
}
