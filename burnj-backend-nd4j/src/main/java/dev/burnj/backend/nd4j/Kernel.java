package dev.burnj.backend.nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs libnd4j ops. Callers always pass preallocated outputs: that skips ND4J's separate shape-inference call across
 * JNI.
 */
final class Kernel {
    private static final long[] NO_LONGS = {};
    private static final double[] NO_DOUBLES = {};
    private static final boolean[] NO_BOOLS = {};
    private static final ThreadLocal<Map<Signature, Slot>> SLOTS = ThreadLocal.withInitial(HashMap::new);
    private static final INDArray[] NO_ARRAYS = {};

    /** An op's name and argument layout: calls with equal signatures overwrite all of each other's context state. */
    private record Signature(String name, int inputs, int outputs, int ints, int doubles, int bools) {}

    /**
     * A native op context and the op descriptor that names the kernel, both reused across calls: a context costs an
     * allocation that only the garbage collector frees, and building a descriptor per call cost more than the
     * native call of a tiny op. The descriptor holds no arrays (the context carries them), so it keeps none alive.
     */
    private record Slot(OpContext context, DynamicCustomOp op) {}

    private final String name;
    private final List<INDArray> inputs = new ArrayList<>(4);
    private final List<INDArray> outputs = new ArrayList<>(3);
    private long[] ints = NO_LONGS;
    private double[] doubles = NO_DOUBLES;
    private boolean[] bools = NO_BOOLS;

    private Kernel(String name) {
        this.name = name;
    }

    /** Starts a custom (declarable) op by its libnd4j name. */
    static Kernel custom(String name) {
        return new Kernel(name);
    }

    Kernel in(INDArray... arrays) {
        inputs.addAll(List.of(arrays));
        return this;
    }

    Kernel out(INDArray... arrays) {
        outputs.addAll(List.of(arrays));
        return this;
    }

    Kernel ints(long... args) {
        ints = args;
        return this;
    }

    Kernel doubles(double... args) {
        doubles = args;
        return this;
    }

    Kernel bools(boolean... args) {
        bools = args;
        return this;
    }

    /** Executes the op and returns its preallocated outputs. */
    INDArray[] exec() {
        if (outputs.isEmpty()) {
            throw new IllegalStateException("kernel " + name + ": outputs must be preallocated");
        }
        INDArray[] in = inputs.toArray(INDArray[]::new);
        INDArray[] out = outputs.toArray(INDArray[]::new);
        Slot slot = slot();
        OpContext context = slot.context();
        context.setInputArrays(in);
        context.setOutputArrays(out);
        context.setIArguments(ints);
        context.setTArguments(doubles);
        context.setBArguments(bools);
        try {
            Nd4j.getExecutioner().exec(slot.op(), context);
        } finally {
            // Drop the references to this call's arrays so that the cached context does not keep them reachable.
            context.purge();
        }
        return out;
    }

    /** The calling thread's slot for this op and argument layout. */
    private Slot slot() {
        Signature key = new Signature(name, inputs.size(), outputs.size(), ints.length, doubles.length, bools.length);
        return SLOTS.get().computeIfAbsent(key, k -> new Slot(Nd4j.getExecutioner().buildContext(), new DynamicCustomOp(name, NO_ARRAYS, NO_ARRAYS)));
    }

    /** Executes the op and returns its first output. */
    INDArray exec1() {
        return exec()[0];
    }

    /** Executes a legacy op (transform, scalar, reduce), which costs a single native call, and returns its output. */
    static INDArray legacy(Op legacyOp) {
        Nd4j.getExecutioner().exec(legacyOp);
        if (legacyOp instanceof ScalarOp scalarOp && scalarOp.scalar() != null) {
            // ND4J boxes the scalar operand in a native array of its own; free it now rather than at the next GC.
            scalarOp.scalar().close();
        }
        return legacyOp.z();
    }
}
