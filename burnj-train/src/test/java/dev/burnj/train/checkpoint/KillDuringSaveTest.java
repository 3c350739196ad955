package dev.burnj.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL at random moments while it saves checkpoints back to back, 20 times; after each kill
 * the newest complete checkpoint must verify and load with exactly the values of its step, and no completed save may
 * be lost.
 */
class KillDuringSaveTest {
    private static final int KILLS = 20;

    @TempDir
    Path dir;

    @Test
    void theNewestCompleteCheckpointSurvivesEveryKill() throws Exception {
        Random random = new Random(20261201);
        TensorOptions options = TensorOptions.on(Device.of("nd4j")).withDType(DType.F32);
        long lastReported = 0;
        List<Long> killedAfter = new ArrayList<>();
        int midSave = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = start();
            long reported = lastReported;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                // Wait until the child saves, so that it is past start-up, then kill it at a random moment of its
                // save loop (a save takes a few milliseconds).
                String line = out.readLine();
                assertTrue(line != null && line.startsWith("saved "), () -> "child did not start saving: " + line + "\n" + tail(childLog()));
                reported = Long.parseLong(line.substring(6));
                Thread.sleep(random.nextInt(40));
                // SIGKILL through the handle: Process.destroyForcibly would also close the pipe we still read.
                child.toHandle().destroyForcibly();
                for (String l; (l = out.readLine()) != null; ) {
                    reported = Long.parseLong(l.substring(6));
                }
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not exit");
            }
            if (leftSomethingBehind()) {
                midSave++;
            }
            Checkpoint newest = Checkpointer.in(dir).latest().orElseThrow(() -> new AssertionError("no complete checkpoint after a kill"));
            assertTrue(newest.step() >= reported, "a completed save was lost: the child reported step " + reported
                    + " but the newest complete checkpoint is " + newest.step());
            try (KillDuringSaveChild.Model model = new KillDuringSaveChild.Model(options, 0)) {
                newest.loadModule("model", model);
                double expected = KillDuringSaveChild.value(newest.step());
                assertAll(model.weight.value().toDoubleArray(), expected, newest);
                assertAll(model.bias.value().toDoubleArray(), -expected, newest);
            }
            assertEquals(newest.step(), newest.readJson("progress").get("step").asLong());
            lastReported = reported;
            killedAfter.add(reported);
        }
        System.out.println("checkpoint kill test: " + KILLS + " SIGKILLs, " + midSave + " of them mid-save (a temporary or trash "
                + "directory left behind), killed after steps " + killedAfter);
        // Saves fill almost all of the child's loop, so most kills land inside one; if none did, the test proved nothing.
        assertTrue(midSave >= KILLS / 4, "only " + midSave + " of " + KILLS + " kills landed during a save");
    }

    /** Whether a killed save left its temporary directory (or a prune its trash) behind. */
    private boolean leftSomethingBehind() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("."));
        }
    }

    /** Where the child's standard error goes (replaced by each child), for failure messages. */
    private Path childLog() {
        return dir.resolveSibling(dir.getFileName() + "-child.log");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no child log: " + e + ")";
        }
    }

    private static void assertAll(double[] values, double expected, Checkpoint c) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != expected) {
                throw new AssertionError(c + ": element " + i + " is " + values[i] + ", expected " + expected);
            }
        }
    }

    private Process start() throws IOException {
        List<String> command = ChildJvm.command("-Xmx512m");
        command.add(KillDuringSaveChild.class.getName());
        command.add(dir.toString());
        return new ProcessBuilder(command).redirectError(childLog().toFile()).start();
    }
}
