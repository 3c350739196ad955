package dev.burnj.autodiff;

import dev.burnj.backend.TensorPrimitive;
import java.util.ArrayList;
import java.util.List;

/** The inner tensors a graph node keeps for its backward rule; they are released together when the node is. */
final class SavedTensors {
    private final List<TensorPrimitive> held = new ArrayList<>(2);

    /** Retains a borrowed tensor for backward and returns it. */
    TensorPrimitive keep(TensorPrimitive tensor) {
        held.add(tensor.retain());
        return tensor;
    }

    /** Takes over a reference the caller owns (e.g. indices computed only for backward) and returns it. */
    TensorPrimitive adopt(TensorPrimitive tensor) {
        held.add(tensor);
        return tensor;
    }

    void release() {
        for (TensorPrimitive t : held) {
            t.release();
        }
        held.clear();
    }
}
