package dev.burnj.backend.vulkan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.testkit.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Availability as {@code Backends.list()} reports it, in child JVMs so that the loader is really (not) loaded:
 * without a Vulkan loader the backend is listed as unavailable with the reason and selecting it fails with that
 * reason instead of crashing; and it is never the default backend.
 */
class AvailabilityTest {
    private static String run(String... properties) throws IOException, InterruptedException {
        List<String> cmd = ChildJvm.command(properties);
        cmd.add("-Dorg.lwjgl.system.SharedLibraryExtractPath=" + System.getProperty("org.lwjgl.system.SharedLibraryExtractPath",
                "target/lwjgl-natives"));
        cmd.add(ProbeMain.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe timed out");
        assertEquals(0, p.exitValue(), () -> "probe JVM crashed:\n" + out);
        return out;
    }

    @Test
    void aMissingLoaderMakesTheBackendUnavailableWithTheReason() throws Exception {
        String out = run("-Dorg.lwjgl.vulkan.libname=/nonexistent/libvulkan.so.1");
        assertTrue(out.contains("LIST vulkan false the Vulkan loader (libvulkan) could not be loaded"), out);
        assertTrue(out.contains("mesa-vulkan-drivers"), out);
        assertTrue(out.contains("GET IllegalStateException: backend 'vulkan' is unavailable: the Vulkan loader"), out);
        assertTrue(out.contains("DEFAULT nd4j"), out);
    }

    @Test
    void withALoaderTheListingDescribesTheDevicesOrSaysWhyNot() throws Exception {
        String out = run();
        assertTrue(out.contains("DEFAULT nd4j"), out);
        if (out.contains("LIST vulkan true")) {
            assertTrue(out.contains("maxStorageBufferRange") && out.contains("GET ok"), out);
        } else {
            assertTrue(out.contains("LIST vulkan false "), out);
            if (VulkanTestSupport.required()) {
                throw new AssertionError("BURNJ_REQUIRE names vulkan, but it is unavailable:\n" + out);
            }
            System.out.println("[vulkan] no device here: " + out);
        }
    }
}
