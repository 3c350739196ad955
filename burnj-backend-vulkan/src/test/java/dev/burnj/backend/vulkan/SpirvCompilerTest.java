package dev.burnj.backend.vulkan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** shaderc at run time and the on-disk SPIR-V cache (in target/, never the user's home). */
class SpirvCompilerTest {
    private static final String SOURCE = Glsl.header(64, 1) + Glsl.buffer(1, "o_", dev.burnj.tensor.DType.F32, false)
            + "void main() { o_[gl_GlobalInvocationID.x] = float(p[0]); }\n";

    private static Path freshDir(String name) throws Exception {
        Path dir = Path.of("target", "spirv-test", name + "-" + System.nanoTime());
        Files.createDirectories(dir);
        return dir;
    }

    @Test
    void compilesOnceAndServesLaterProcessesFromDisk() throws Exception {
        Path dir = freshDir("cache");
        SpirvCompiler first = new SpirvCompiler(dir);
        byte[] spirv = first.spirv(SOURCE, "probe");
        assertEquals(0x07230203, (spirv[0] & 0xFF) | (spirv[1] & 0xFF) << 8 | (spirv[2] & 0xFF) << 16 | (spirv[3] & 0xFF) << 24,
                "SPIR-V magic number");
        assertEquals(1, first.compiled());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> entries = files.toList();
            assertEquals(1, entries.size());
            assertTrue(entries.get(0).getFileName().toString().endsWith(".spv"));
        }
        SpirvCompiler second = new SpirvCompiler(dir);
        assertArrayEquals(spirv, second.spirv(SOURCE, "probe"));
        assertEquals(0, second.compiled(), "a later process reads the cache");
        assertEquals(1, second.cacheHits());
    }

    @Test
    void aCorruptEntryIsRecompiled() throws Exception {
        Path dir = freshDir("corrupt");
        byte[] spirv = new SpirvCompiler(dir).spirv(SOURCE, "probe");
        try (Stream<Path> files = Files.list(dir)) {
            Files.write(files.findFirst().orElseThrow(), new byte[] {1, 2, 3});
        }
        SpirvCompiler again = new SpirvCompiler(dir);
        assertArrayEquals(spirv, again.spirv(SOURCE, "probe"));
        assertEquals(1, again.compiled());
    }

    @Test
    void anUnwritableCacheOnlyCostsCompileTime() throws Exception {
        Path file = freshDir("blocked").resolve("not-a-dir");
        Files.write(file, new byte[] {0});
        SpirvCompiler c = new SpirvCompiler(file);
        c.spirv(SOURCE, "probe");
        c.spirv(SOURCE, "probe");
        assertEquals(2, c.compiled());
    }

    @Test
    void compileErrorsNameTheKernelAndShowTheSource() {
        VulkanException e = assertThrows(VulkanException.class,
                () -> new SpirvCompiler(freshDir("error")).spirv("#version 450\nvoid main() { undefined_call(); }\n", "broken"));
        assertTrue(e.getMessage().contains("kernel broken does not compile"), e.getMessage());
        assertTrue(e.getMessage().contains("2: void main() { undefined_call(); }"), e.getMessage());
    }

    @Test
    void theDefaultCacheIsAUserCacheDirectory() {
        String configured = System.getProperty(SpirvCompiler.CACHE_PROPERTY);
        try {
            System.clearProperty(SpirvCompiler.CACHE_PROPERTY);
            Path dir = SpirvCompiler.defaultCacheDir();
            if (System.getenv("BURNJ_VULKAN_CACHE") == null) {
                assertTrue(dir.endsWith(Path.of("burnj", "vulkan-spirv")), dir.toString());
            }
            System.setProperty(SpirvCompiler.CACHE_PROPERTY, "target/x");
            assertEquals(Path.of("target/x"), SpirvCompiler.defaultCacheDir());
        } finally {
            if (configured == null) {
                System.clearProperty(SpirvCompiler.CACHE_PROPERTY);
            } else {
                System.setProperty(SpirvCompiler.CACHE_PROPERTY, configured);
            }
        }
    }
}
