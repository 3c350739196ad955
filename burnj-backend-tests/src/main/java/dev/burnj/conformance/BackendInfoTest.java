package dev.burnj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.Backend;
import dev.burnj.backend.MemoryStats;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.support.Coverage;
import dev.burnj.conformance.support.CoverageReport;
import dev.burnj.conformance.support.Data;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Backend metadata and lifecycle: names, devices, dtype support, the autodiff flag, reference counting of
 * primitives, memory accounting, and {@code detachForComposition} values.
 */
@ExtendWith({BackendExtension.class, CoverageReport.class})
class BackendInfoTest {
    private final Backend plain;
    private final Backend autodiff;

    BackendInfoTest(BackendUnderTest but) {
        this.plain = but.plain();
        this.autodiff = but.autodiff();
    }

    @Test
    void namesAndDevices() {
        assertFalse(plain.name().isBlank(), "backend name");
        assertEquals("autodiff(" + plain.name() + ")", autodiff.name(), "decorated name");
        for (Backend b : new Backend[] {plain, autodiff}) {
            assertFalse(b.devices().isEmpty(), b.name() + ": devices");
            assertEquals(b.devices().get(0), b.defaultDevice(), b.name() + ": the default device is device 0");
            for (int i = 0; i < b.devices().size(); i++) {
                Device d = b.devices().get(i);
                assertSame(b, d.backend(), b.name() + ": device " + d + " belongs to its backend");
                assertEquals(i, d.index(), b.name() + ": device index");
            }
        }
        assertSame(plain, autodiff.innerDevice(autodiff.defaultDevice()).backend(), "the autodiff device runs on the plain backend");
        assertEquals(plain.defaultDevice(), plain.innerDevice(plain.defaultDevice()), "an undecorated device is its own inner device");
    }

    @Test
    void dtypesAndAutodiffFlag() {
        assertTrue(plain.supports(DType.F32), "every backend supports F32");
        assertTrue(plain.supports(DType.I64), "every backend supports I64 (indices)");
        assertTrue(plain.supports(DType.BOOL), "every backend supports BOOL");
        assertFalse(plain.isAutodiff(), plain.name() + " is not an autodiff backend");
        assertTrue(autodiff.isAutodiff(), autodiff.name() + " is an autodiff backend");
        assertThrows(IllegalStateException.class, plain::autodiffOps, "a plain backend has no gradient operations");
        assertNotNull(autodiff.autodiffOps());
        for (DType dt : DType.values()) {
            assertEquals(plain.supports(dt), autodiff.supports(dt), "autodiff supports what its inner backend supports: " + dt);
        }
    }

    @Test
    void primitivesAreReferenceCounted() {
        for (Backend b : new Backend[] {plain, autodiff}) {
            Shape s = Shape.of(2, 3);
            TensorPrimitive t = b.fromData(Data.sample(DType.F32, s, 1), b.defaultDevice());
            assertEquals(s, t.shape(), b.name() + ": shape");
            assertEquals(DType.F32, t.dtype(), b.name() + ": dtype");
            assertEquals(b.defaultDevice(), t.device(), b.name() + ": device");
            assertTrue(t.isLive(), b.name() + ": new primitive is live");
            assertSame(t, t.retain(), b.name() + ": retain returns the primitive");
            t.release();
            assertTrue(t.isLive(), b.name() + ": one reference left");
            t.release();
            assertFalse(t.isLive(), b.name() + ": freed after the last release");
            b.sync(b.defaultDevice());
        }
    }

    /** Where the backend counts live tensors, an op's result adds exactly one and releasing it takes it away again. */
    @Test
    void memoryAccounting() {
        MemoryStats before = plain.memoryStats();
        if (before.liveTensors() < 0) {
            return;
        }
        TensorPrimitive a = plain.fromData(Data.sample(DType.F32, Shape.of(4, 4), 2), plain.defaultDevice());
        TensorPrimitive c = plain.add(a, a);
        assertEquals(before.liveTensors() + 2, plain.memoryStats().liveTensors(), "two live tensors after fromData and add");
        c.release();
        a.release();
        assertEquals(before.liveTensors(), plain.memoryStats().liveTensors(), "all released");
    }

    /** detachForComposition is value-preserving on both backends (its gradient cut is checked in the grad tests). */
    @Test
    void detachForCompositionKeepsValues() {
        Coverage.forward("detachForComposition");
        for (Backend b : new Backend[] {plain, autodiff}) {
            TensorPrimitive x = b.fromData(Data.sample(DType.F64, Shape.of(3), 3), b.defaultDevice());
            TensorPrimitive d = b.detachForComposition(x);
            try {
                assertEquals(b.toData(x), b.toData(d), b.name() + ": detachForComposition values");
            } finally {
                d.release();
                x.release();
            }
        }
    }
}
