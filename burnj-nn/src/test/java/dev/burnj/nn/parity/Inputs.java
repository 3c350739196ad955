package dev.burnj.nn.parity;

import dev.burnj.tensor.BoolTensor2;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.IntTensor1;
import dev.burnj.tensor.IntTensor2;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorData;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code input.<name>} tensors of a fixture as burnj tensors on one device. Float inputs are made gradient leaves
 * and remembered, so that the harness can compare their gradients with PyTorch's.
 */
public final class Inputs {
    private final Fixture fixture;
    private final Device device;
    private final Map<String, FloatTensor<?, ?, ?>> leaves = new LinkedHashMap<>();

    public Inputs(Fixture fixture, Device device) {
        this.fixture = fixture;
        this.device = device;
    }

    private TensorData data(String name) {
        return fixture.get("input." + name);
    }

    public int rank(String name) {
        return data(name).shape().rank();
    }

    public boolean has(String name) {
        return fixture.has("input." + name);
    }

    private <T extends FloatTensor<T, ?, ?>> T leaf(String name, T tensor) {
        T grad = tensor.requireGrad();
        leaves.put(name, grad);
        return grad;
    }

    public Tensor1 t1(String name) {
        return leaf(name, Tensor1.from(data(name), device));
    }

    public Tensor2 t2(String name) {
        return leaf(name, Tensor2.from(data(name), device));
    }

    public Tensor3 t3(String name) {
        return leaf(name, Tensor3.from(data(name), device));
    }

    public Tensor4 t4(String name) {
        return leaf(name, Tensor4.from(data(name), device));
    }

    /** A float input that gets no gradient (e.g. a loss target whose gradient PyTorch did not record). */
    public Tensor2 constant2(String name) {
        return Tensor2.from(data(name), device);
    }

    public IntTensor1 i1(String name) {
        return IntTensor1.from(data(name), device);
    }

    public IntTensor2 i2(String name) {
        return IntTensor2.from(data(name), device);
    }

    public BoolTensor2 b2(String name) {
        return BoolTensor2.from(data(name), device);
    }

    /** The float inputs created so far, by name. */
    public Map<String, FloatTensor<?, ?, ?>> leaves() {
        return leaves;
    }
}
