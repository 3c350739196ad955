package dev.burnj.nn.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnj.record.NamedTensors;
import dev.burnj.record.SafeTensors;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads the file that {@code tools/parity/check_safetensors_io.py} builds by hand from the format description (and
 * that the Python fixture writer must reproduce byte for byte), so both sides of the parity fixtures agree on the format.
 */
class HandmadeSafeTensorsTest {
    @Test
    void everyValueOfTheHandBuiltFileReadsBack() throws IOException {
        NamedTensors file = SafeTensors.read(Fixture.resourceDir(getClass(), "").resolve("handmade.safetensors"));
        assertEquals(Map.of("what", "handmade", "n", "3"), file.metadata());
        Map<String, TensorData> t = file.tensors();
        assertEquals(List.of("w", "v", "i", "m"), List.copyOf(t.keySet()));

        assertEquals(DType.F64, t.get("w").dtype());
        assertEquals(Shape.of(2, 2), t.get("w").shape());
        assertArrayEquals(new double[] {1.5, -2.0, 0.25, 1e-300}, t.get("w").toDoubles());

        assertEquals(DType.F32, t.get("v").dtype());
        assertEquals(Shape.of(3), t.get("v").shape());
        assertArrayEquals(new float[] {3.0f, -0.5f, 1024.0f}, t.get("v").toFloats());

        assertEquals(DType.I64, t.get("i").dtype());
        assertArrayEquals(new long[] {-7, (1L << 40) + 3}, t.get("i").toLongs());

        assertEquals(DType.BOOL, t.get("m").dtype());
        assertArrayEquals(new boolean[] {true, false, true}, t.get("m").toBooleans());
    }
}
