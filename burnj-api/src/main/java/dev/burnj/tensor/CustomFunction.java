package dev.burnj.tensor;

import dev.burnj.backend.CustomOp;
import dev.burnj.backend.TensorPrimitive;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a user-defined differentiable op ({@link CustomOp}: a forward and a backward, as PyTorch's
 * {@code autograd.Function}) to tensors. On an autodiff device the op joins the graph like a built-in op; on
 * other devices only its forward runs.
 */
public final class CustomFunction {
    private CustomFunction() {}

    /** Runs {@code op} on {@code inputs} (one device, float) and returns its output as a tensor of {@code outputRank}. */
    public static <F extends FloatTensor<F, ?, ?>> F apply(CustomOp op, Rank<F, ?, ?> outputRank, FloatTensor<?, ?, ?>... inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException(op.name() + ": a custom op needs at least one input");
        }
        List<TensorPrimitive> prims = new ArrayList<>(inputs.length);
        for (FloatTensor<?, ?, ?> t : inputs) {
            OpChecks.sameDevice(op.name(), inputs[0].primitive(), t.primitive());
            prims.add(t.primitive());
        }
        var backend = inputs[0].backend();
        TensorPrimitive out = backend.isAutodiff() ? backend.autodiffOps().custom(op, prims) : op.forward(backend, prims);
        return outputRank.floatTensor(out);
    }
}
