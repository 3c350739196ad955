package dev.burnj.backend.vulkan;

import static org.lwjgl.util.shaderc.Shaderc.shaderc_compilation_status_success;
import static org.lwjgl.util.shaderc.Shaderc.shaderc_compile_into_spv;
import static org.lwjgl.util.shaderc.Shaderc.shaderc_compile_options_initialize;
import static org.lwjgl.util.shaderc.Shaderc.shaderc_compile_options_set_optimization_level;
import static org.lwjgl.util.shaderc.Shaderc.shaderc_compile_options_set_target_env;
import static org.lwjgl.util.shaderc.Shaderc.shaderc_compiler_initialize;
import static org.lwjgl.util.shaderc.Shaderc.shaderc_env_version_vulkan_1_1;
import static org.lwjgl.util.shaderc.Shaderc.shaderc_glsl_compute_shader;
import static org.lwjgl.util.shaderc.Shaderc.shaderc_optimization_level_performance;
import static org.lwjgl.util.shaderc.Shaderc.shaderc_result_get_bytes;
import static org.lwjgl.util.shaderc.Shaderc.shaderc_result_get_compilation_status;
import static org.lwjgl.util.shaderc.Shaderc.shaderc_result_get_error_message;
import static org.lwjgl.util.shaderc.Shaderc.shaderc_result_release;
import static org.lwjgl.util.shaderc.Shaderc.shaderc_target_env_vulkan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compiles GLSL compute shaders to SPIR-V with shaderc, at first use, and keeps the result in an on-disk cache keyed
 * by the SHA-256 of the source, so a kernel is compiled once per machine rather than once per process. The cache
 * lives in {@value #CACHE_PROPERTY} (or {@code BURNJ_VULKAN_CACHE}), else {@code $XDG_CACHE_HOME/burnj/vulkan-spirv},
 * else {@code ~/.cache/burnj/vulkan-spirv}; an unwritable cache only costs compile time.
 */
final class SpirvCompiler {
    static final String CACHE_PROPERTY = "burnj.vulkan.cache";
    /** Part of every cache key, so that a change in how sources are compiled never serves stale binaries. */
    private static final String FORMAT = "shaderc/vulkan1.1/O/v1\n";

    private final Path cacheDir;
    private final AtomicInteger compiled = new AtomicInteger();
    private final AtomicInteger cacheHits = new AtomicInteger();
    private long compiler;
    private long options;

    SpirvCompiler(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** The configured cache directory (see the class comment). */
    static Path defaultCacheDir() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("BURNJ_VULKAN_CACHE");
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("burnj").resolve("vulkan-spirv");
    }

    /** SPIR-V words for {@code source}, from the disk cache or freshly compiled. */
    byte[] spirv(String source, String name) {
        String key = sha256(FORMAT + source);
        Path file = cacheDir.resolve(key + ".spv");
        try {
            if (Files.isRegularFile(file)) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length > 0 && bytes.length % 4 == 0) {
                    cacheHits.incrementAndGet();
                    return bytes;
                }
            }
        } catch (IOException e) {
            // An unreadable entry is recompiled below.
        }
        byte[] bytes = compile(source, name);
        store(file, bytes);
        return bytes;
    }

    /** Kernels compiled by shaderc in this process (cache misses). */
    int compiled() {
        return compiled.get();
    }

    int cacheHits() {
        return cacheHits.get();
    }

    private synchronized byte[] compile(String source, String name) {
        if (compiler == 0) {
            compiler = shaderc_compiler_initialize();
            options = shaderc_compile_options_initialize();
            if (compiler == 0 || options == 0) {
                throw new VulkanException("vulkan: shaderc could not be initialised");
            }
            shaderc_compile_options_set_target_env(options, shaderc_target_env_vulkan, shaderc_env_version_vulkan_1_1);
            shaderc_compile_options_set_optimization_level(options, shaderc_optimization_level_performance);
        }
        long result = shaderc_compile_into_spv(compiler, source, shaderc_glsl_compute_shader, name + ".comp", "main", options);
        try {
            if (shaderc_result_get_compilation_status(result) != shaderc_compilation_status_success) {
                throw new VulkanException("vulkan: kernel " + name + " does not compile: " + shaderc_result_get_error_message(result)
                        + "\n" + numbered(source));
            }
            var spv = shaderc_result_get_bytes(result);
            byte[] bytes = new byte[spv.remaining()];
            spv.get(bytes);
            compiled.incrementAndGet();
            return bytes;
        } finally {
            shaderc_result_release(result);
        }
    }

    private void store(Path file, byte[] bytes) {
        Path tmp = null;
        try {
            Files.createDirectories(cacheDir);
            tmp = Files.createTempFile(cacheDir, "spv", ".tmp");
            Files.write(tmp, bytes);
            // Concurrent processes may compile the same kernel; the atomic move makes either copy win whole.
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            // A read-only or missing cache directory only means recompiling next time; a half-written copy goes.
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Nothing more to do for a cache entry.
                }
            }
        }
    }

    private static String numbered(String source) {
        StringBuilder sb = new StringBuilder();
        String[] lines = source.split("\n");
        for (int i = 0; i < lines.length; i++) {
            sb.append(i + 1).append(": ").append(lines[i]).append('\n');
        }
        return sb.toString();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
