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
    private static final ThreadLocal<Map<String, OpContext>> CONTEXTS = ThreadLocal.withInitial(HashMap::new);

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
        OpContext context = context();
        context.setInputArrays(in);
        context.setOutputArrays(out);
        context.setIArguments(ints);
        context.setTArguments(doubles);
        context.setBArguments(bools);
        try {
            Nd4j.getExecutioner().exec(new DynamicCustomOp(name, in, out), context);
        } finally {
            // Drop the references to this call's arrays so that the cached context does not keep them reachable.
            context.purge();
        }
        return out;
    }

    /**
     * The calling thread's context for this op and argument layout. A native op context costs an allocation that only
     * the garbage collector frees, so contexts are reused; keying them by the number of inputs, outputs and arguments
     * guarantees that every call overwrites all of the previous call's state.
     */
    private OpContext context() {
        String key = name + '/' + inputs.size() + '/' + outputs.size() + '/' + ints.length + '/' + doubles.length + '/' + bools.length;
        return CONTEXTS.get().computeIfAbsent(key, k -> Nd4j.getExecutioner().buildContext());
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
