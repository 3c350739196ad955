package dev.burnj.backend.vulkan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import org.junit.jupiter.api.Test;

/** The opened device's capability report and its limits as clear errors. */
class DeviceLimitsTest extends VulkanTestSupport {
    @Test
    void theDeviceReportsItsCapabilities() {
        DeviceInfo info = B.deviceInfo(0);
        System.out.println("[vulkan] vulkan:0 = " + info.report());
        assertTrue(info.usable());
        assertTrue(info.maxStorageBufferRange() >= (1 << 27) || info.maxStorageBufferRange() >= (1 << 16));
        assertTrue(info.maxComputeWorkGroupInvocations() >= 128);
        assertTrue(info.subgroupSize() >= 1);
        assertEquals(info.shaderFloat64(), B.supports(DType.F64));
        assertTrue(!B.supports(DType.F16) && !B.supports(DType.BF16));
        Device d = Device.of("vulkan:0");
        assertEquals(B.defaultDevice(), d);
        assertEquals(info.kind().deviceType(), d.type());
    }

    @Test
    void aTensorBeyondTheBindingLimitFailsNamingTheLimit() {
        long limit = B.deviceInfo(0).maxStorageBufferRange();
        int elements = (int) Math.min(Integer.MAX_VALUE, limit / 4 + 1);
        VulkanException e = assertThrows(VulkanException.class, () -> B.full(Shape.of(elements), 0, DType.F32, B.defaultDevice()));
        assertTrue(e.getMessage().contains("maxStorageBufferRange of " + limit), e.getMessage());
    }

    @Test
    void unsupportedDtypesFailNamingTheDtype() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> B.full(Shape.of(2), 1, DType.F16, B.defaultDevice()));
        assertTrue(e.getMessage().contains("F16"), e.getMessage());
        TensorPrimitive x = B.full(Shape.of(2), 1, DType.F32, B.defaultDevice());
        try {
            assertThrows(IllegalArgumentException.class, () -> B.cast(x, DType.BF16));
        } finally {
            x.release();
        }
    }
}
