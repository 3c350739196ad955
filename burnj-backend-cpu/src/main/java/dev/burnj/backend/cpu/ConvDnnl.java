package dev.burnj.backend.cpu;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_attr;

/**
 * F32 convolutions on oneDNN: the passes of a {@link ConvGeometry} as oneDNN convolution primitives, built with
 * {@code format_tag.any} for activations and weights so that oneDNN picks its fast blocked layouts (plain layouts send
 * most shapes to its slower GEMM-based kernels), with reorders from and to our plain tensors at the boundary. Each op
 * of {@link Convolutions} is one {@link Plan} of one or two passes whose shared inputs are reordered once. Built steps
 * are cached per (geometry, plan, piece), so a training loop builds each once; problems oneDNN rejects are remembered too,
 * and their callers take the Java path. oneDNN's dilation counts the gaps ({@code d - 1}), and its bottom/right
 * padding comes from {@link ConvGeometry#padEnd()}. With oneDNN single-threaded ({@link OneDnnThreads}) a large pass
 * is cut by batch across the backend's workers.
 */
final class ConvDnnl {
    /** What a cached step computes; the bias variants also read the bias or write its gradient. */
    enum Plan {
        /** dst = conv(src, weights): conv2d. */
        FORWARD, FORWARD_BIAS,
        /** diffSrc from diffDst: convTranspose2d. */
        BACKWARD_DATA,
        /** diffSrc and diffWeights from src and diffDst: conv2dBackward. */
        BACKWARD, BACKWARD_BIAS,
        /** dst = conv(src) and diffWeights from src and diffDst: convTranspose2dBackward. */
        FORWARD_AND_WEIGHTS
    }

    /** A step of one geometry and plan; {@code slot} is the piece of a split convolution it runs. */
    private record Key(ConvGeometry geometry, Plan plan, int slot) {}

    /** Enough for every layer of several models in one process; older steps are left to the garbage collector. */
    private static final int CAPACITY = 256;

    /**
     * Below this many source channels, backward data writes a plain layout: the blocked kernels pad the channels to
     * 16, which makes them 2x (six channels) to 10x (one channel) slower than oneDNN's GEMM-based kernel here (an
     * image's gradient, a transposed convolution's RGB or grey output).
     */
    private static final int FEW_CHANNELS = 8;

    /** From this many multiply-adds a pass is split by batch across the workers, as {@link GemmF32} splits products. */
    private static final long SPLIT_WORK = 1 << 18;

    private final Map<Key, Optional<ConvDnnlStep>> steps = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Optional<ConvDnnlStep>> eldest) {
            return size() > CAPACITY;
        }
    };

    /** {@code dst = conv(src, weights) + bias} ({@code bias} 0 for none); false when oneDNN cannot run it. */
    boolean forward(ConvGeometry g, long src, long weights, long bias, long dst) {
        return byBatch(g, bias == 0 ? Plan.FORWARD : Plan.FORWARD_BIAS, 0, 0, (step, srcAt, dstAt, w, b) -> {
            if (bias == 0) {
                step.run(src + srcAt, weights, dst + dstAt);
            } else {
                step.run(src + srcAt, weights, bias, dst + dstAt);
            }
        });
    }

    /** {@code diffSrc} from {@code diffDst} and the weights; false when oneDNN cannot run it. */
    boolean backwardData(ConvGeometry g, long diffDst, long weights, long diffSrc) {
        return byBatch(g, Plan.BACKWARD_DATA, 0, 0, (step, srcAt, dstAt, w, b) -> step.run(diffDst + dstAt, weights, diffSrc + srcAt));
    }

    /** {@code diffSrc}, {@code diffWeights} and {@code diffBias} (unless 0); false when oneDNN cannot run it. */
    boolean backward(ConvGeometry g, long src, long weights, long diffDst, long diffSrc, long diffWeights, long diffBias) {
        return byBatch(g, diffBias == 0 ? Plan.BACKWARD : Plan.BACKWARD_BIAS, diffWeights, diffBias, (step, srcAt, dstAt, w, b) -> {
            if (diffBias == 0) {
                step.run(src + srcAt, weights, diffDst + dstAt, diffSrc + srcAt, w);
            } else {
                step.run(src + srcAt, weights, diffDst + dstAt, diffSrc + srcAt, w, b);
            }
        });
    }

    /** {@code dst = conv(src, weights)} and {@code diffWeights} from {@code src} and {@code diffDst}; false when oneDNN cannot. */
    boolean forwardAndWeights(ConvGeometry g, long src, long weights, long diffDst, long dst, long diffWeights) {
        return byBatch(g, Plan.FORWARD_AND_WEIGHTS, diffWeights, 0,
                (step, srcAt, dstAt, w, b) -> step.run(src + srcAt, weights, diffDst + dstAt, dst + dstAt, w));
    }

    /**
     * One piece of a pass: its step, the byte offsets of its part of the batch in the source and in the destination
     * (and their gradients), and where its weight and bias gradients go.
     */
    @FunctionalInterface
    private interface Piece {
        void run(ConvDnnlStep step, long srcOffset, long dstOffset, long diffWeights, long diffBias);
    }

    /**
     * Runs a pass over the batch, cut into one piece per worker when oneDNN is single-threaded
     * ({@link OneDnnThreads}) and the problem is large enough; false when oneDNN has no step for it. The pieces write
     * disjoint images; their weight and bias gradients (addresses {@code diffWeights} and {@code diffBias}, 0 for
     * none) are partial sums, the first piece's in place and the others' in scratch memory, added in piece order
     * afterwards. The cut depends only on the problem and the thread count, so a pass always rounds the same way.
     */
    private boolean byBatch(ConvGeometry g, Plan plan, long diffWeights, long diffBias, Piece piece) {
        int parts = (int) Math.min(OneDnnThreads.parts(), g.n());
        ConvDnnlStep[] steps = splits(g) ? pieces(g, plan, parts) : null;
        if (steps == null) {
            ConvDnnlStep whole = step(g, plan, 0);
            if (whole == null) {
                return false;
            }
            piece.run(whole, 0, 0, diffWeights, diffBias);
            return true;
        }
        long weightBytes = diffWeights == 0 ? 0 : g.weightCount() * Float.BYTES;
        long biasBytes = diffBias == 0 ? 0 : (long) g.outC() * Float.BYTES;
        long perPiece = (weightBytes + biasBytes + NativeMemory.ALIGNMENT - 1) / NativeMemory.ALIGNMENT * NativeMemory.ALIGNMENT;
        long raw = weightBytes + biasBytes == 0 ? 0 : NativeMemory.allocateRaw((parts - 1) * perPiece + NativeMemory.ALIGNMENT);
        try {
            long scratch = raw == 0 ? 0 : NativeMemory.align(raw);
            Parallel.forRange(parts, Parallel.GRAIN, (from, to) -> {
                for (int p = (int) from; p < to; p++) {
                    long own = scratch + (p - 1) * perPiece;
                    long w = diffWeights == 0 ? 0 : p == 0 ? diffWeights : own;
                    long b = diffBias == 0 ? 0 : p == 0 ? diffBias : own + weightBytes;
                    long first = (long) g.n() * p / parts;
                    piece.run(steps[p], first * g.srcImage() * Float.BYTES, first * g.dstImage() * Float.BYTES, w, b);
                }
            });
            for (int p = 1; p < parts; p++) {
                long own = scratch + (p - 1) * perPiece;
                addInto(diffWeights, own, weightBytes / Float.BYTES);
                addInto(diffBias, own + weightBytes, biasBytes / Float.BYTES);
            }
            return true;
        } finally {
            if (raw != 0) {
                NativeMemory.free(raw);
            }
        }
    }

    /** Whether the passes of {@code g} are cut by batch. */
    static boolean splits(ConvGeometry g) {
        return Math.min(OneDnnThreads.parts(), g.n()) >= 2 && g.work() >= SPLIT_WORK;
    }

    /** The steps of the pieces of a split pass, or null when oneDNN lacks one (the pass then runs whole). */
    private ConvDnnlStep[] pieces(ConvGeometry g, Plan plan, int parts) {
        ConvDnnlStep[] steps = new ConvDnnlStep[parts];
        for (int p = 0; p < parts; p++) {
            int images = (int) ((long) g.n() * (p + 1) / parts - (long) g.n() * p / parts);
            steps[p] = step(g.withBatch(images), plan, p);
            if (steps[p] == null) {
                return null;
            }
        }
        return steps;
    }

    /** {@code to[i] += from[i]} for {@code count} floats; nothing when {@code to} is 0. */
    private static void addInto(long to, long from, long count) {
        if (to == 0) {
            return;
        }
        for (long i = 0; i < count; i++) {
            long at = to + i * Float.BYTES;
            NativeMemory.putFloat(at, NativeMemory.getFloat(at) + NativeMemory.getFloat(from + i * Float.BYTES));
        }
    }

    /** Whether oneDNN runs this plan of this problem (else the callers take the Java path). */
    boolean supports(ConvGeometry g, Plan plan) {
        return step(g, plan, 0) != null;
    }

    private ConvDnnlStep step(ConvGeometry g, Plan plan, int slot) {
        if (Dnnl.loadProblem() != null || g.isEmpty()) {
            return null;
        }
        Key key = new Key(g, plan, slot);
        synchronized (steps) {
            Optional<ConvDnnlStep> known = steps.get(key);
            if (known == null) {
                known = Optional.ofNullable(build(g, plan));
                steps.put(key, known);
            }
            return known.orElse(null);
        }
    }

    private static ConvDnnlStep build(ConvGeometry g, Plan plan) {
        if (g.padEnd() == null) {
            return null;
        }
        try {
            return new Builder(g).build(plan);
        } catch (RuntimeException unsupported) {
            // oneDNN has no implementation for this problem (it reports "unimplemented"): the Java path takes it.
            return null;
        }
    }

    /** The descriptors of one geometry, and the steps made of them. */
    private static final class Builder {
        private final ConvGeometry g;
        private final long[] strides;
        private final long[] dilates;
        private final long[] padBegin;
        private final long[] padEnd;
        private final memory.desc srcPlain;
        private final memory.desc dstPlain;
        private final memory.desc weightsPlain;
        private final memory.desc biasPlain;
        private final memory.desc srcAny;
        private final memory.desc dstAny;
        private final memory.desc weightsAny;
        private final engine cpu = Dnnl.get().engine();
        private final dnnl.algorithm direct = dnnl.algorithm.convolution_direct;
        /**
         * Each primitive gets scratch memory of its own ({@link ConvDnnlStep#scratchpad}): oneDNN's shared one would
         * be used by the pieces of a split pass at once, which fails.
         */
        private final primitive_attr attr = new primitive_attr();

        Builder(ConvGeometry g) {
            this.g = g;
            strides = new long[] {g.strideH(), g.strideW()};
            dilates = new long[] {g.dilationH() - 1, g.dilationW() - 1};
            padBegin = new long[] {g.padH(), g.padW()};
            padEnd = g.padEnd();
            srcPlain = desc(g.srcDims(), memory.format_tag.nchw);
            dstPlain = desc(g.dstDims(), memory.format_tag.nchw);
            weightsPlain = desc(g.weightDims(), g.groups() == 1 ? memory.format_tag.oihw : memory.format_tag.goihw);
            biasPlain = desc(new long[] {g.outC()}, memory.format_tag.x);
            srcAny = desc(g.srcDims(), memory.format_tag.any);
            dstAny = desc(g.dstDims(), memory.format_tag.any);
            weightsAny = desc(g.weightDims(), memory.format_tag.any);
            attr.set_scratchpad_mode(dnnl.scratchpad_mode.user);
        }

        ConvDnnlStep build(Plan plan) {
            ConvDnnlStep step = new ConvDnnlStep();
            switch (plan) {
                case FORWARD, FORWARD_BIAS -> {
                    boolean bias = plan == Plan.FORWARD_BIAS;
                    convolution_forward.primitive_desc f = forward(bias);
                    int src = step.input(srcPlain);
                    int weights = step.input(weightsPlain);
                    int b = bias ? step.input(biasPlain) : -1;
                    int dst = step.output(dstPlain);
                    step.then(new convolution_forward(f)).scratchpad(f.scratchpad_desc()).bind(dnnl.DNNL_ARG_SRC, src, f.src_desc())
                            .bind(dnnl.DNNL_ARG_WEIGHTS, weights, f.weights_desc()).bind(dnnl.DNNL_ARG_DST, dst, f.dst_desc());
                    if (bias) {
                        step.bind(dnnl.DNNL_ARG_BIAS, b, f.bias_desc());
                    }
                }
                case BACKWARD_DATA -> {
                    int diffDst = step.input(dstPlain);
                    int weights = step.input(weightsPlain);
                    int diffSrc = step.output(srcPlain);
                    data(step, diffDst, weights, diffSrc);
                }
                case BACKWARD, BACKWARD_BIAS -> {
                    boolean bias = plan == Plan.BACKWARD_BIAS;
                    int src = step.input(srcPlain);
                    int weights = step.input(weightsPlain);
                    int diffDst = step.input(dstPlain);
                    int diffSrc = step.output(srcPlain);
                    int diffWeights = step.output(weightsPlain);
                    int diffBias = bias ? step.output(biasPlain) : -1;
                    data(step, diffDst, weights, diffSrc);
                    weights(step, src, diffDst, diffWeights, diffBias);
                }
                default -> {
                    convolution_forward.primitive_desc f = forward(false);
                    int src = step.input(srcPlain);
                    int weights = step.input(weightsPlain);
                    int diffDst = step.input(dstPlain);
                    int dst = step.output(dstPlain);
                    int diffWeights = step.output(weightsPlain);
                    step.then(new convolution_forward(f)).scratchpad(f.scratchpad_desc()).bind(dnnl.DNNL_ARG_SRC, src, f.src_desc())
                            .bind(dnnl.DNNL_ARG_WEIGHTS, weights, f.weights_desc()).bind(dnnl.DNNL_ARG_DST, dst, f.dst_desc());
                    weights(step, src, diffDst, diffWeights, -1);
                }
            }
            return step;
        }

        private convolution_forward.primitive_desc forward(boolean bias) {
            convolution_forward.desc d = bias
                    ? new convolution_forward.desc(dnnl.prop_kind.forward_training, direct, srcAny, weightsAny, biasPlain, dstAny, strides, dilates,
                            padBegin, padEnd)
                    : new convolution_forward.desc(dnnl.prop_kind.forward_training, direct, srcAny, weightsAny, dstAny, strides, dilates, padBegin,
                            padEnd);
            return new convolution_forward.primitive_desc(d, attr, cpu);
        }

        private void data(ConvDnnlStep step, int diffDst, int weights, int diffSrc) {
            memory.desc diffSrcDesc = g.groups() == 1 && g.inC() < FEW_CHANNELS ? srcPlain : srcAny;
            convolution_backward_data.primitive_desc d = new convolution_backward_data.primitive_desc(
                    new convolution_backward_data.desc(direct, diffSrcDesc, weightsAny, dstAny, strides, dilates, padBegin, padEnd), attr, cpu,
                    forward(false));
            step.then(new convolution_backward_data(d)).scratchpad(d.scratchpad_desc()).bind(dnnl.DNNL_ARG_DIFF_DST, diffDst, d.diff_dst_desc())
                    .bind(dnnl.DNNL_ARG_WEIGHTS, weights, d.weights_desc()).bind(dnnl.DNNL_ARG_DIFF_SRC, diffSrc, d.diff_src_desc());
        }

        /** Backward weights, and the bias gradient when {@code diffBias} is a tensor index (not -1). */
        private void weights(ConvDnnlStep step, int src, int diffDst, int diffWeights, int diffBias) {
            boolean bias = diffBias >= 0;
            convolution_backward_weights.desc d = bias
                    ? new convolution_backward_weights.desc(direct, srcAny, weightsAny, biasPlain, dstAny, strides, dilates, padBegin, padEnd)
                    : new convolution_backward_weights.desc(direct, srcAny, weightsAny, dstAny, strides, dilates, padBegin, padEnd);
            convolution_backward_weights.primitive_desc w = new convolution_backward_weights.primitive_desc(d, attr, cpu, forward(bias));
            step.then(new convolution_backward_weights(w)).scratchpad(w.scratchpad_desc()).bind(dnnl.DNNL_ARG_SRC, src, w.src_desc())
                    .bind(dnnl.DNNL_ARG_DIFF_DST, diffDst, w.diff_dst_desc())
                    .bind(dnnl.DNNL_ARG_DIFF_WEIGHTS, diffWeights, w.diff_weights_desc());
            if (bias) {
                step.bind(dnnl.DNNL_ARG_DIFF_BIAS, diffBias, w.diff_bias_desc());
            }
        }
    }

    private static memory.desc desc(long[] dims, memory.format_tag tag) {
        return new memory.desc(dims, memory.data_type.f32, tag);
    }
}
