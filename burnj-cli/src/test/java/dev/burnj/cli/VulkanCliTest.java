package dev.burnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.Backends;
import dev.burnj.data.source.DataNotFoundException;
import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.testkit.Requirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command on the vulkan backend: {@code info} lists its device, and the MLP task trains on it end to end. */
class VulkanCliTest {
    private static final Pattern ACCURACY = Pattern.compile("(?m)^test_accuracy=(\\d\\.\\d{4})$");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsADevice() {
        Backends.Info vulkan = Backends.list().stream().filter(i -> i.name().equals("vulkan")).findFirst().orElseThrow();
        Requirement.assumeOrFail("vulkan", vulkan.available(), vulkan.reason());
    }

    @Test
    void infoListsTheDevice() {
        Cli r = Cli.run("info");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+vulkan: available, devices \\[vulkan:(gpu|cpu):0.*")), r.toString());
    }

    @Test
    void aMissingDeviceIsAUsageError() {
        Cli r = Cli.run("train", "fashion-mnist-mlp", "--backend", "vulkan", "--device", "99", "--max-steps", "1", "--out", dir.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--backend vulkan --device 99"), r.toString());
    }

    @Test
    void mlpTrainsOnVulkan() throws Exception {
        try {
            FashionMnistDataset.test();
        } catch (DataNotFoundException e) {
            Requirement.assumeOrFail("fashion-mnist", false, e.getMessage());
        }
        Path out = dir.resolve("run");
        Cli r = Cli.run("train", "fashion-mnist-mlp", "--backend", "vulkan", "--max-steps", "50", "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        Matcher m = ACCURACY.matcher(r.out());
        assertTrue(m.find(), "a test_accuracy line: " + r);
        double accuracy = Double.parseDouble(m.group(1));
        // As on nd4j (FashionMnistTasksTest): well above chance (0.1) after 50 steps.
        assertTrue(accuracy > 0.6, "test accuracy after 50 steps on vulkan: " + accuracy);
        assertTrue(Files.isDirectory(out.resolve("checkpoints").resolve(String.format("checkpoint-%012d", 50))), r.toString());
    }
}
