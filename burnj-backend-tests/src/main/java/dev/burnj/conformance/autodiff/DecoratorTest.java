package dev.burnj.conformance.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.Backend;
import dev.burnj.backend.Backends;
import dev.burnj.conformance.BackendExtension;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.tensor.Device;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The autodiff decorator's identity: its name, registry lookup and devices mirroring the inner backend's. */
@ExtendWith(BackendExtension.class)
class DecoratorTest {
    private final BackendUnderTest backend;

    DecoratorTest(BackendUnderTest backend) {
        this.backend = backend;
    }

    @Test
    void nameAndRegistry() {
        Backend ad = backend.autodiff();
        assertEquals("autodiff(" + backend.plain().name() + ")", ad.name());
        assertTrue(ad.isAutodiff());
        assertSame(ad, Backends.decorate("autodiff", backend.plain()), "one decorated instance per inner backend");
        assertSame(ad, Backends.get(ad.name()));
    }

    @Test
    void devicesMirrorTheInnerBackend() {
        Backend ad = backend.autodiff();
        List<Device> inner = backend.plain().devices();
        List<Device> outer = ad.devices();
        assertEquals(inner.size(), outer.size());
        for (int i = 0; i < inner.size(); i++) {
            Device d = outer.get(i);
            assertSame(ad, d.backend());
            assertEquals(inner.get(i).type(), d.type());
            assertEquals(inner.get(i).index(), d.index());
            assertEquals(inner.get(i), ad.innerDevice(d));
            assertEquals(inner.get(i), d.inner());
            assertEquals(d, inner.get(i).autodiff());
        }
    }

    @Test
    void foreignDeviceIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> backend.autodiff().innerDevice(backend.device()));
    }

    @Test
    void decoratingTwiceIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Backends.decorate("autodiff", backend.autodiff()));
    }
}
