package dev.burnj.autodiff;

import dev.burnj.backend.Backend;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.NoGrad;
import dev.burnj.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The machinery every op layer of the autodiff backend shares: the inner backend, the device mapping, unwrapping of
 * inputs, wrapping of outputs and recording of graph nodes. The op layers extend it in a chain (tensor, arithmetic,
 * reduction, float, activation, module, int/bool ops), each keeping its backward rules next to its ops.
 */
abstract class AutodiffCore implements Backend {
    /** The decorated backend that computes everything. */
    protected final Backend inner;
    private final List<Device> devices;
    private final List<Device> innerDevices;
    private final LongAdder liveNodes = new LongAdder();

    AutodiffCore(Backend inner) {
        this.inner = inner;
        this.innerDevices = List.copyOf(inner.devices());
        List<Device> mirrored = new ArrayList<>(innerDevices.size());
        for (Device d : innerDevices) {
            mirrored.add(new Device(this, d.type(), d.index()));
        }
        this.devices = List.copyOf(mirrored);
    }

    @Override
    public final List<Device> devices() {
        return devices;
    }

    @Override
    public final Device innerDevice(Device device) {
        int position = devices.indexOf(device);
        if (position < 0) {
            throw new IllegalArgumentException(name() + ": device " + device + " does not belong to this backend; expected one of " + devices
                    + " (use device.autodiff() to get the tracking device)");
        }
        return innerDevices.get(position);
    }

    /** The autodiff device mirroring a device of the inner backend. */
    final Device outerDevice(Device innerDevice) {
        int position = innerDevices.indexOf(innerDevice);
        if (position < 0) {
            throw new IllegalStateException(name() + ": the inner backend returned a tensor on " + innerDevice
                    + ", which is not one of its devices " + innerDevices);
        }
        return devices.get(position);
    }

    final LongAdder liveNodeCounter() {
        return liveNodes;
    }

    /** The autodiff tensor behind a primitive handed to an op, failing clearly for tensors of another backend. */
    final AutodiffTensor unwrap(TensorPrimitive tensor) {
        if (tensor == null) {
            throw new NullPointerException(name() + ": expected a tensor, got null");
        }
        if (!(tensor instanceof AutodiffTensor a) || a.owner() != this) {
            throw new IllegalArgumentException(name() + ": expected a tensor of this backend, got a " + tensor.getClass().getSimpleName() + " "
                    + tensor.shape() + " " + tensor.dtype() + " on device " + tensor.device()
                    + " (move it with toDevice, or create it on an autodiff device)");
        }
        return a;
    }

    /** Like {@link #unwrap} but passes null through (optional inputs such as a conv bias). */
    final AutodiffTensor unwrapOptional(TensorPrimitive tensor) {
        return tensor == null ? null : unwrap(tensor);
    }

    /** Wraps an inner result as an untracked autodiff tensor, taking over its reference. */
    final AutodiffTensor wrap(TensorPrimitive innerTensor) {
        return new AutodiffTensor(this, innerTensor, null, outerDevice(innerTensor.device()));
    }

    /** Wraps an inner result as a new leaf that requires a gradient, taking over its reference. */
    final AutodiffTensor wrapLeaf(TensorPrimitive innerTensor) {
        Node node = Node.leaf(innerTensor.shape(), innerTensor.dtype(), liveNodes);
        return new AutodiffTensor(this, innerTensor, node, outerDevice(innerTensor.device()));
    }

    /**
     * Wraps an op's inner result, taking over its reference, and records a graph node when there is something to
     * differentiate: a float result, at least one tracked input and no {@link NoGrad} scope. {@code inputs} are the op's
     * differentiable inputs in the order of the rule's gradients; null entries are absent optional inputs.
     */
    final AutodiffTensor record(String op, TensorPrimitive out, BackwardFactory factory, AutodiffTensor... inputs) {
        boolean[] needs = new boolean[inputs.length];
        boolean any = false;
        for (int i = 0; i < inputs.length; i++) {
            needs[i] = inputs[i] != null && inputs[i].isTracked();
            any |= needs[i];
        }
        if (!any || !out.dtype().isFloat() || NoGrad.active()) {
            return wrap(out);
        }
        SavedTensors saved = new SavedTensors();
        BackwardRule rule;
        try {
            rule = factory.prepare(saved, needs);
        } catch (RuntimeException | Error e) {
            saved.release();
            out.release();
            throw e;
        }
        Node[] parents = new Node[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            parents[i] = needs[i] ? inputs[i].node() : null;
        }
        Node node = Node.op(op, out.shape(), out.dtype(), parents, rule, saved, liveNodes);
        return new AutodiffTensor(this, out, node, outerDevice(out.device()));
    }

    /** Inner zeros of {@code shape} with the dtype and device of {@code like}. */
    final TensorPrimitive zeros(Shape shape, TensorPrimitive like) {
        return inner.full(shape, 0.0, like.dtype(), like.device());
    }

    /** Sums an owned gradient down to an input's (broadcast) shape and releases it. */
    final TensorPrimitive reduceTo(TensorPrimitive ownedGrad, Shape shape) {
        return Refs.then(ownedGrad, g -> Broadcasting.sumTo(inner, g, shape));
    }

    /** A new inner reference to {@code grad} summed down to {@code shape}. */
    final TensorPrimitive sumTo(TensorPrimitive grad, Shape shape) {
        return Broadcasting.sumTo(inner, grad, shape);
    }

    /** A bool mask cast to a float 0/1 tensor of {@code dtype}, releasing the mask. */
    final TensorPrimitive indicator(TensorPrimitive ownedMask, DType dtype) {
        return Refs.then(ownedMask, m -> inner.cast(m, dtype));
    }

    /** Gradients for a rule, one per input. */
    static TensorPrimitive[] grads(TensorPrimitive... grads) {
        return grads;
    }
}
