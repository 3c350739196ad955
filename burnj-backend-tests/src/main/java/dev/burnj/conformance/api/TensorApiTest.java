package dev.burnj.conformance.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.conformance.BackendExtension;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.tensor.BoolTensor2;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.IntTensor1;
import dev.burnj.tensor.IntTensor2;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import dev.burnj.tensor.ValuesAndIndices;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The user-facing tensor API on the backend under test, with and without autodiff: factories, rank-changing
 * ops, run-time shape errors and their messages, conversions and text form.
 */
@ExtendWith(BackendExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TensorApiTest {
    private final BackendUnderTest backend;
    private TensorScope scope;

    TensorApiTest(BackendUnderTest backend) {
        this.backend = backend;
    }

    Stream<Device> devices() {
        return Stream.of(backend.device(), backend.autodiffDevice());
    }

    @BeforeEach
    void openScope() {
        scope = TensorScope.open();
    }

    @AfterEach
    void closeScope() {
        scope.close();
    }

    @ParameterizedTest
    @MethodSource("devices")
    void factoriesProduceTheExpectedValues(Device device) {
        TensorOptions on = TensorOptions.on(device);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0}, Tensor2.zeros(Shape.of(2, 3), on).toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1, 1}, Tensor3.ones(Shape.of(1, 2, 2), on).toFloatArray());
        assertArrayEquals(new double[] {2.5, 2.5}, Tensor1.full(Shape.of(2), 2.5, on.withDType(DType.F64)).toDoubleArray());
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Tensor2.eye(3, on).toFloatArray());
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f, 1}, Tensor1.linspace(0, 1, 5, on).toFloatArray());
        assertArrayEquals(new float[] {1, 1.5f, 2, 2.5f}, Tensor1.arange(1, 3, 0.5, on).toFloatArray());
        assertArrayEquals(new long[] {3, 4, 5}, IntTensor1.arange(3, 6, on).toLongArray());
        Tensor2 m = Tensor2.of(new float[][] {{1, 2, 3}, {4, 5, 6}}, on);
        assertEquals(Shape.of(2, 3), m.shape());
        assertEquals(DType.F32, m.dtype());
        assertEquals(device, m.device());
    }

    @ParameterizedTest
    @MethodSource("devices")
    void rankChangingOpsReturnTheirStaticRank(Device device) {
        TensorOptions on = TensorOptions.on(device);
        Tensor4 x = Tensor4.from(dev.burnj.tensor.TensorData.of(sequence(120), Shape.of(2, 3, 4, 5)), device);
        Tensor2 flat = x.flatten(1, 3, Rank.R2);
        assertEquals(Shape.of(2, 60), flat.shape());
        assertEquals(Shape.of(120), x.flatten().shape());
        assertEquals(Shape.of(6, 20), x.reshape(6, -1).shape());
        Tensor3 row = x.get(1);
        assertEquals(Shape.of(3, 4, 5), row.shape());
        assertEquals(60.0, row.toFloatArray()[0]);
        assertEquals(Shape.of(2, 1, 60), flat.unsqueeze(1).shape());
        assertEquals(Shape.of(2, 60), flat.unsqueeze(1).squeeze(1).shape());
        assertEquals(Shape.of(1), x.sum().shape());
        assertEquals(7140.0, x.sum().item(), 1e-3);
        Tensor2 a = Tensor2.ones(Shape.of(2, 3), on);
        assertEquals(Shape.of(4, 2, 3), Tensor3.stack(List.of(a, a, a, a), 0).shape());
        assertEquals(Shape.of(2, 3, 2), Tensor3.stack(List.of(a, a), -1).shape());
        var e = assertThrows(IllegalArgumentException.class, () -> x.flatten(1, 2, Rank.R2));
        assertEquals("flatten(1, 2) of [2, 3, 4, 5] has rank 3, not the requested 2", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("devices")
    void shapeErrorsNameTheOpAndBothShapes(Device device) {
        TensorOptions on = TensorOptions.on(device);
        Tensor2 a = Tensor2.zeros(Shape.of(64, 784), on);
        Tensor2 b = Tensor2.zeros(Shape.of(100, 10), on);
        var matmul = assertThrows(IllegalArgumentException.class, () -> a.matmul(b));
        assertEquals("matmul: [64, 784] x [100, 10]: inner dims 784 and 100 differ", matmul.getMessage());
        var add = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertEquals("add: [64, 784] and [100, 10]: dimension 0 sizes 64 and 100 do not broadcast", add.getMessage());
        Tensor2 d = Tensor2.zeros(Shape.of(64, 784), on.withDType(DType.F64));
        var dtype = assertThrows(IllegalArgumentException.class, () -> a.mul(d));
        assertTrue(dtype.getMessage().startsWith("mul: dtypes F32 and F64 differ"), dtype.getMessage());
        var dim = assertThrows(IndexOutOfBoundsException.class, () -> a.sumDim(2));
        assertEquals("sumDim: dimension 2 is out of range for shape [64, 784] (rank 2)", dim.getMessage());
        var squeeze = assertThrows(IllegalArgumentException.class, () -> Tensor3.zeros(Shape.of(2, 3, 4), on).squeeze(1));
        assertEquals("squeeze: dimension 1 of [2, 3, 4] has size 3, not 1", squeeze.getMessage());
    }

    @ParameterizedTest
    @MethodSource("devices")
    void indexingAndSelection(Device device) {
        TensorOptions on = TensorOptions.on(device);
        Tensor2 m = Tensor2.of(new float[][] {{3, 1, 2}, {0, 5, 4}}, on);
        IntTensor2 arg = m.argmax(1);
        assertArrayEquals(new long[] {0, 1}, arg.toLongArray());
        assertEquals(Shape.of(2, 1), arg.shape());
        assertArrayEquals(new float[] {3, 5}, m.gather(1, arg).toFloatArray());
        ValuesAndIndices<Tensor2, IntTensor2> top = m.topk(2, 1);
        assertArrayEquals(new float[] {3, 2, 5, 4}, top.values().toFloatArray());
        assertArrayEquals(new long[] {0, 2, 1, 2}, top.indices().toLongArray());
        BoolTensor2 big = m.greater(2.5);
        assertArrayEquals(new boolean[] {true, false, false, false, true, true}, big.toBooleanArray());
        assertArrayEquals(new float[] {-1, 1, 2, 0, -1, -1}, m.maskFill(big, -1).toFloatArray());
        assertArrayEquals(new float[] {1, 2, 5, 4}, m.slice(Slice.all(), Slice.from(1)).toFloatArray());
        assertArrayEquals(new float[] {0, 5, 4, 3, 1, 2}, Tensor2.cat(List.of(m.get(1).unsqueeze(0), m.get(0).unsqueeze(0)), 0)
                .toFloatArray());
        assertEquals(2, m.split(2, 1).size());
        assertEquals(Shape.of(2, 1), m.split(2, 1).get(1).shape());
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 1}, IntTensor1.of(new long[] {1, 2}, on).oneHot(3).toFloatArray());
    }

    @ParameterizedTest
    @MethodSource("devices")
    void textFormShowsShapeDTypeDeviceAndValues(Device device) {
        Tensor2 m = Tensor2.of(new float[][] {{1, 2}, {3, 4}}, TensorOptions.on(device));
        String text = m.toString();
        assertEquals("Tensor2[shape=[2, 2], dtype=F32, device=" + device + "]\n[[1.0000, 2.0000],\n [3.0000, 4.0000]]", text);
        String big = Tensor2.zeros(Shape.of(100, 100), TensorOptions.on(device)).toString();
        assertTrue(big.contains("..."), big);
        assertTrue(big.length() < 1000, "a large tensor prints only its leading values");
    }

    @ParameterizedTest
    @MethodSource("devices")
    void closedTensorsCannotBeUsed(Device device) {
        Tensor1 t = Tensor1.of(new float[] {1, 2}, TensorOptions.on(device));
        t.close();
        t.close();
        var e = assertThrows(IllegalStateException.class, t::exp);
        assertEquals("Tensor1 [2] F32 was closed and cannot be used again", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("devices")
    void conversionsBetweenKindsAndDevices(Device device) {
        TensorOptions on = TensorOptions.on(device);
        Tensor1 f = Tensor1.of(new float[] {-1.5f, 0, 2.7f}, on);
        assertArrayEquals(new long[] {-1, 0, 2}, f.toInt().toLongArray());
        assertArrayEquals(new boolean[] {true, false, true}, f.toBool().toBooleanArray());
        assertArrayEquals(new double[] {-1.5, 0, 2.700000047683716}, f.cast(DType.F64).toDoubleArray());
        Device other = device.isAutodiff() ? backend.device() : backend.autodiffDevice();
        Tensor1 moved = f.to(other);
        assertEquals(other, moved.device());
        assertArrayEquals(f.toFloatArray(), moved.toFloatArray());
    }

    private static float[] sequence(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }
}
