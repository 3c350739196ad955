package dev.burnj.backend.vulkan;

import dev.burnj.backend.BackendProvider;
import dev.burnj.backend.Backends;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.opentest4j.AssertionFailedError;

/**
 * Base of the tests that need a Vulkan device: they skip, printing why, where there is none, and fail instead when
 * the environment variable {@code BURNJ_REQUIRE} (comma-separated) names {@code vulkan}, as CI on lavapipe does.
 */
abstract class VulkanTestSupport {
    static VulkanBackend B;

    @BeforeAll
    static void requireDevice() {
        BackendProvider.Availability a = new VulkanBackendProvider().availability();
        if (!a.available()) {
            if (required()) {
                throw new AssertionFailedError("BURNJ_REQUIRE names vulkan, but the backend is unavailable: " + a.reason());
            }
            System.out.println("[vulkan] skipping device tests: " + a.reason());
            Assumptions.abort("no Vulkan device: " + a.reason());
        }
        B = (VulkanBackend) Backends.get("vulkan");
    }

    /** Whether {@code BURNJ_REQUIRE} lists the vulkan backend. */
    static boolean required() {
        String v = System.getenv("BURNJ_REQUIRE");
        return v != null && Arrays.stream(v.split(",")).map(String::trim).anyMatch("vulkan"::equalsIgnoreCase);
    }
}
