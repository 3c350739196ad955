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

/**
 * F32 convolutions on oneDNN: the three passes of a {@link ConvGeometry} as oneDNN convolution primitives, built with
 * {@code format_tag.any} for activations and weights so that oneDNN picks its fast blocked layouts (plain layouts send
 * some shapes, a single input channel for one, to a reference kernel), with reorders from and to our plain tensors at
 * the boundary. Built steps are cached per (geometry, pass), so a training loop builds each once; problems oneDNN
 * rejects are remembered too, and their callers take the Java path. oneDNN's dilation counts the gaps ({@code d - 1}),
 * and its bottom/right padding comes from {@link ConvGeometry#padEnd()}.
 */
final class ConvDnnl {
    /** A pass of a convolution; the bias variants also read the bias or write its gradient. */
    enum Pass {
        FORWARD, FORWARD_BIAS, BACKWARD_DATA, BACKWARD_WEIGHTS, BACKWARD_WEIGHTS_BIAS
    }

    private record Key(ConvGeometry geometry, Pass pass) {}

    /** Enough for every layer of several models in one process; older steps are left to the garbage collector. */
    private static final int CAPACITY = 256;

    private final Map<Key, Optional<ConvDnnlStep>> steps = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Optional<ConvDnnlStep>> eldest) {
            return size() > CAPACITY;
        }
    };

    /** {@code dst = conv(src, weights) + bias} ({@code bias} 0 for none); false when oneDNN cannot run it. */
    boolean forward(ConvGeometry g, long src, long weights, long bias, long dst) {
        ConvDnnlStep step = step(g, bias == 0 ? Pass.FORWARD : Pass.FORWARD_BIAS);
        if (step == null) {
            return false;
        }
        if (bias == 0) {
            step.run(src, weights, dst);
        } else {
            step.run(src, weights, bias, dst);
        }
        return true;
    }

    /** {@code diffSrc} from {@code diffDst} and the weights; false when oneDNN cannot run it. */
    boolean backwardData(ConvGeometry g, long diffDst, long weights, long diffSrc) {
        ConvDnnlStep step = step(g, Pass.BACKWARD_DATA);
        if (step == null) {
            return false;
        }
        step.run(diffDst, weights, diffSrc);
        return true;
    }

    /** {@code diffWeights} (and {@code diffBias} unless 0) from the source and {@code diffDst}; false when oneDNN cannot run it. */
    boolean backwardWeights(ConvGeometry g, long src, long diffDst, long diffWeights, long diffBias) {
        ConvDnnlStep step = step(g, diffBias == 0 ? Pass.BACKWARD_WEIGHTS : Pass.BACKWARD_WEIGHTS_BIAS);
        if (step == null) {
            return false;
        }
        if (diffBias == 0) {
            step.run(src, diffDst, diffWeights);
        } else {
            step.run(src, diffDst, diffWeights, diffBias);
        }
        return true;
    }

    /** Whether oneDNN runs this pass of this problem (else the callers take the Java path). */
    boolean supports(ConvGeometry g, Pass pass) {
        return step(g, pass) != null;
    }

    private ConvDnnlStep step(ConvGeometry g, Pass pass) {
        if (Dnnl.loadProblem() != null || g.isEmpty()) {
            return null;
        }
        Key key = new Key(g, pass);
        synchronized (steps) {
            Optional<ConvDnnlStep> known = steps.get(key);
            if (known == null) {
                known = Optional.ofNullable(build(g, pass));
                steps.put(key, known);
            }
            return known.orElse(null);
        }
    }

    private static ConvDnnlStep build(ConvGeometry g, Pass pass) {
        long[] padEnd = g.padEnd();
        if (padEnd == null) {
            return null;
        }
        long[] strides = {g.strideH(), g.strideW()};
        long[] dilates = {g.dilationH() - 1, g.dilationW() - 1};
        long[] padBegin = {g.padH(), g.padW()};
        memory.desc srcPlain = desc(g.srcDims(), memory.format_tag.nchw);
        memory.desc dstPlain = desc(g.dstDims(), memory.format_tag.nchw);
        memory.desc weightsPlain = desc(g.weightDims(), g.groups() == 1 ? memory.format_tag.oihw : memory.format_tag.goihw);
        memory.desc biasPlain = desc(new long[] {g.outC()}, memory.format_tag.x);
        memory.desc srcAny = desc(g.srcDims(), memory.format_tag.any);
        memory.desc dstAny = desc(g.dstDims(), memory.format_tag.any);
        memory.desc weightsAny = desc(g.weightDims(), memory.format_tag.any);
        boolean bias = pass == Pass.FORWARD_BIAS || pass == Pass.BACKWARD_WEIGHTS_BIAS;
        dnnl.algorithm direct = dnnl.algorithm.convolution_direct;
        engine cpu = Dnnl.get().engine();
        try {
            convolution_forward.desc fd = bias
                    ? new convolution_forward.desc(dnnl.prop_kind.forward_training, direct, srcAny, weightsAny, biasPlain, dstAny, strides,
                            dilates, padBegin, padEnd)
                    : new convolution_forward.desc(dnnl.prop_kind.forward_training, direct, srcAny, weightsAny, dstAny, strides, dilates,
                            padBegin, padEnd);
            convolution_forward.primitive_desc forward = new convolution_forward.primitive_desc(fd, cpu);
            switch (pass) {
                case FORWARD, FORWARD_BIAS -> {
                    ConvDnnlStep step = new ConvDnnlStep(new convolution_forward(forward))
                            .input(dnnl.DNNL_ARG_SRC, srcPlain, forward.src_desc())
                            .input(dnnl.DNNL_ARG_WEIGHTS, weightsPlain, forward.weights_desc());
                    if (bias) {
                        step.input(dnnl.DNNL_ARG_BIAS, biasPlain, forward.bias_desc());
                    }
                    return step.output(dnnl.DNNL_ARG_DST, dstPlain, forward.dst_desc());
                }
                case BACKWARD_DATA -> {
                    convolution_backward_data.primitive_desc data = new convolution_backward_data.primitive_desc(
                            new convolution_backward_data.desc(direct, srcAny, weightsAny, dstAny, strides, dilates, padBegin, padEnd), cpu,
                            forward);
                    return new ConvDnnlStep(new convolution_backward_data(data))
                            .input(dnnl.DNNL_ARG_DIFF_DST, dstPlain, data.diff_dst_desc())
                            .input(dnnl.DNNL_ARG_WEIGHTS, weightsPlain, data.weights_desc())
                            .output(dnnl.DNNL_ARG_DIFF_SRC, srcPlain, data.diff_src_desc());
                }
                default -> {
                    convolution_backward_weights.desc wd = bias
                            ? new convolution_backward_weights.desc(direct, srcAny, weightsAny, biasPlain, dstAny, strides, dilates, padBegin,
                                    padEnd)
                            : new convolution_backward_weights.desc(direct, srcAny, weightsAny, dstAny, strides, dilates, padBegin, padEnd);
                    convolution_backward_weights.primitive_desc weights = new convolution_backward_weights.primitive_desc(wd, cpu, forward);
                    ConvDnnlStep step = new ConvDnnlStep(new convolution_backward_weights(weights))
                            .input(dnnl.DNNL_ARG_SRC, srcPlain, weights.src_desc())
                            .input(dnnl.DNNL_ARG_DIFF_DST, dstPlain, weights.diff_dst_desc())
                            .output(dnnl.DNNL_ARG_DIFF_WEIGHTS, weightsPlain, weights.diff_weights_desc());
                    return bias ? step.output(dnnl.DNNL_ARG_DIFF_BIAS, biasPlain, weights.diff_bias_desc()) : step;
                }
            }
        } catch (RuntimeException unsupported) {
            // oneDNN has no implementation for this problem (it reports "unimplemented"): the Java path takes it.
            return null;
        }
    }

    private static memory.desc desc(long[] dims, memory.format_tag tag) {
        return new memory.desc(dims, memory.data_type.f32, tag);
    }
}
