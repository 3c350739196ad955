package dev.burnj.conformance.grad;

import dev.burnj.backend.Backend;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.support.OpCase;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.util.ArrayList;
import java.util.List;

/**
 * An op and its inputs for {@link GradientCheck}: float inputs whose gradients are checked, and constant inputs
 * (indices, masks, or float operands deliberately held fixed) passed through unchanged.
 */
public final class GradCase {
    private final String op;
    private final String label;
    private final List<double[]> values = new ArrayList<>();
    private final List<Shape> shapes = new ArrayList<>();
    private final List<TensorData> constants = new ArrayList<>();
    private final List<Integer> differentiable = new ArrayList<>();
    private OpCase.SingleOp call;

    GradCase(String op, String label) {
        this.op = op;
        this.label = label;
    }

    /** Adds a float input whose gradient is checked. */
    public GradCase input(Shape shape, double[] v) {
        if (v.length != shape.numel()) {
            throw new IllegalArgumentException(op + " " + label + ": " + v.length + " values for " + shape);
        }
        differentiable.add(values.size());
        values.add(v.clone());
        shapes.add(shape);
        constants.add(null);
        return this;
    }

    /** Adds an input that is passed as is and not differentiated (an index or bool tensor, typically). */
    public GradCase constant(TensorData data) {
        values.add(null);
        shapes.add(data.shape());
        constants.add(data);
        return this;
    }

    /** The op, called with the inputs in the order they were added. */
    public GradCase run(OpCase.SingleOp call) {
        this.call = call;
        return this;
    }

    String op() {
        return op;
    }

    String describe() {
        return "grad " + op + " " + label;
    }

    List<Integer> differentiable() {
        return differentiable;
    }

    TensorPrimitive op(Backend backend, List<TensorPrimitive> inputs) {
        return call.apply(backend, inputs);
    }

    /** The inputs with the differentiable ones in {@code dtype}. */
    List<TensorData> host(DType dtype) {
        List<TensorData> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            TensorData c = constants.get(i);
            if (values.get(i) != null) {
                out.add(TensorData.fromDoubles(values.get(i), shapes.get(i), dtype));
            } else {
                // A float constant follows the case dtype so that the op sees operands of one float type.
                out.add(c.dtype().isFloat() ? TensorData.fromDoubles(c.toDoubles(), c.shape(), dtype) : c);
            }
        }
        return out;
    }
}
