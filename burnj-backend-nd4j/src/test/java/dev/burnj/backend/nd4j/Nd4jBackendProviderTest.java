package dev.burnj.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.Backend;
import dev.burnj.backend.Backends;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import org.junit.jupiter.api.Test;

class Nd4jBackendProviderTest extends Nd4jTestSupport {
    @Test
    void registeredUnderItsName() {
        Backend backend = Backends.get("nd4j");
        assertInstanceOf(Nd4jBackend.class, backend);
        assertSame(backend, Backends.get("nd4j"));
        assertEquals("nd4j", backend.name());
        assertEquals(1, backend.devices().size());
        Device d = backend.defaultDevice();
        assertEquals("cpu", d.type());
        assertEquals(0, d.index());
        assertSame(d, Device.of("nd4j:0"));
    }

    @Test
    void availableOnThisPlatform() {
        assertTrue(new Nd4jBackendProvider().availability().available(), () -> new Nd4jBackendProvider().availability().reason());
    }

    @Test
    void supportsExactlyTheFiveDtypes() {
        for (DType t : DType.values()) {
            boolean expected = t != DType.F16 && t != DType.BF16;
            assertEquals(expected, B.supports(t), t.toString());
        }
    }

    @Test
    void unsupportedDtypesFailNamingTheDtype() {
        TensorPrimitive x = f64(new double[] {1, 2}, 2);
        try {
            IllegalArgumentException cast = assertThrows(IllegalArgumentException.class, () -> B.cast(x, DType.F16));
            assertTrue(cast.getMessage().contains("F16"), cast.getMessage());
            IllegalArgumentException full = assertThrows(IllegalArgumentException.class,
                    () -> B.full(Shape.of(2), 1.0, DType.BF16, B.defaultDevice()));
            assertTrue(full.getMessage().contains("BF16"), full.getMessage());
            assertFalse(B.supports(DType.F16));
        } finally {
            x.release();
        }
    }
}
