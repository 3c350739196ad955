package dev.burnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnj.train.checkpoint.Checkpoint;
import dev.burnj.train.checkpoint.Checkpointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command in this JVM: exit codes, messages, and train/eval/inspect on the synthetic test task. */
class CliTest {
    @TempDir
    Path dir;

    private static void assertOneLineError(Cli r, int code, String... fragments) {
        assertEquals(code, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        for (String f : fragments) {
            assertTrue(r.err().contains(f), () -> "expected '" + f + "' in\n" + r);
        }
        assertFalse(r.err().contains("\tat "), r::toString);
    }

    @Test
    void tasksListsTheTaskFromTheTestJarWithItsDefaults() {
        Cli r = Cli.run("tasks");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("synthetic  brightest quarter"), r::toString);
        assertTrue(r.out().contains("\"batch_size\":16"), r::toString);
        assertTrue(r.out().contains("\"step_delay_ms\":0"), r::toString);
    }

    @Test
    void infoShowsJavaBackendsAndTasks() {
        Cli r = Cli.run("info");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("java: " + System.getProperty("java.version")), r::toString);
        // With both CPU backends on the class path and nothing configured, the JVM-native one is the default.
        assertTrue(r.out().contains("default backend: cpu (BURNJ_BACKEND unset)"), r::toString);
        assertTrue(r.out().contains("  cpu: available, devices ["), r::toString);
        assertTrue(r.out().contains("  nd4j: available, devices ["), r::toString);
        assertTrue(r.out().contains("tasks: 3"), r::toString);
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{}, {"train"}, {"eval"}, {"info"}, {"inspect"}, {"tasks"}, {"data"}, {"data", "convert"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            Cli r = Cli.run(args);
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().startsWith("Usage: burnj"), r::toString);
        }
        assertTrue(Cli.run("--help").out().contains("130"), "the exit codes are listed");
    }

    @Test
    void usageErrorsExitWith2AndOneLine() {
        assertOneLineError(Cli.run("train", "nope"), 2, "burnj train: no task named 'nope'; the tasks are fashion-mnist-cnn, fashion-mnist-mlp, synthetic");
        assertOneLineError(Cli.run("train"), 2, "Missing required parameter: 'TASK'", "see 'burnj train --help'");
        assertOneLineError(Cli.run("train", "synthetic", "--frobnicate"), 2, "Unknown option: '--frobnicate'");
        assertOneLineError(Cli.run("train", "synthetic", "--epochs", "many"), 2, "'many' is not an int");
        assertOneLineError(Cli.run("frobnicate"), 2, "Unmatched argument");
        assertOneLineError(Cli.run(), 2, "a command is required");
        assertOneLineError(Cli.run("train", "synthetic", "--backend", "nosuch"), 2, "no backend named 'nosuch'");
    }

    @Test
    void badHyperParametersNameTheSourceAndTheKey() {
        Path out = dir.resolve("run");
        assertOneLineError(Cli.run("train", "synthetic", "--out", out.toString(), "--set", "depth=3"), 2,
                "--set depth=3: task 'synthetic' has no hyper-parameter 'depth'; its hyper-parameters are epochs, batch_size, lr,");
        assertOneLineError(Cli.run("train", "synthetic", "--set", "epochs=abc"), 2, "--set epochs=abc: 'epochs' expects an integer, got \"abc\"");
        assertOneLineError(Cli.run("train", "synthetic", "--set", "epochs=2.5"), 2, "'epochs' expects an integer, got 2.5");
        assertOneLineError(Cli.run("train", "synthetic", "--set", "epochs"), 2, "--set epochs: expected key=value");
        assertOneLineError(Cli.run("train", "synthetic", "--lr", "-1"), 2, "--lr -1.0: lr must be > 0, got -1.0");
        assertOneLineError(Cli.run("train", "synthetic", "--config", dir.resolve("none.json").toString()), 2, "none.json: no such file");
        assertFalse(Files.exists(out), "nothing is written when the configuration is bad");
    }

    @Test
    void verbosePrintsTheStackTrace() {
        Cli r = Cli.run("train", "nope", "--verbose");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("\tat dev.burnj.cli.task.Tasks.get"), r::toString);
    }

    @Test
    void missingCheckpointExitsWith1() {
        String missing = dir.resolve("missing").toString();
        assertOneLineError(Cli.run("inspect", missing), 1, "burnj inspect: no checkpoint at " + missing + ": no such directory");
        assertOneLineError(Cli.run("eval", "synthetic", "--checkpoint", missing), 1, "no checkpoint at " + missing);
        assertOneLineError(Cli.run("inspect", dir.toString()), 1, "no checkpoint.json");
        assertOneLineError(Cli.run("train", "synthetic", "--out", dir.resolve("r").toString(), "--resume", missing), 1, missing);
    }

    @Test
    void configPrecedenceIsDefaultsThenFileThenSetThenFlags() throws IOException {
        Path file = dir.resolve("hp.json");
        Files.writeString(file, "{\"epochs\": 5, \"lr\": 0.5, \"hidden\": 8}");
        Path out = dir.resolve("run");
        Cli r = Cli.run("train", "synthetic", "--out", out.toString(), "--max-steps", "1", "--config", file.toString(), "--set", "lr=0.02",
                "--set", "hidden=12", "--lr", "0.03", "--batch-size", "8");
        assertEquals(0, r.code(), r::toString);
        JsonNode config = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("config");
        assertEquals(5, config.get("epochs").asInt());
        assertEquals(0.03, config.get("lr").asDouble());
        assertEquals(12, config.get("hidden").asInt());
        assertEquals(8, config.get("batch_size").asInt());
        assertEquals(256, config.get("train_items").asInt(), "untouched keys keep their defaults");
    }

    @Test
    void trainInspectAndEvalARealRun() throws IOException {
        Path out = dir.resolve("run");
        Cli train = Cli.run("train", "synthetic", "--out", out.toString(), "--max-steps", "12", "--seed", "7");
        assertEquals(0, train.code(), train::toString);
        assertTrue(train.out().contains("done: max steps 12 reached after 12 steps"), train::toString);
        assertTrue(train.out().contains("epoch 1/2 [10/16] step 10 loss"), train::toString);
        Checkpoint latest = Checkpointer.in(out.resolve("checkpoints")).latest().orElseThrow();
        assertEquals(12, latest.step());
        assertTrue(Files.isRegularFile(out.resolve("metrics.csv")));

        Cli inspect = Cli.run("inspect", out.toString());
        assertEquals(0, inspect.code(), inspect::toString);
        assertTrue(inspect.out().contains("format version 1, step 12, epoch 0"), inspect::toString);
        assertTrue(inspect.out().contains("model: 4 tensors, 676 values"), inspect::toString);
        assertTrue(Pattern.compile("fc1\\.weight\\s+F32\\s+\\[32, 16]").matcher(inspect.out()).find(), inspect::toString);
        assertTrue(Pattern.compile("fc2\\.bias\\s+F32\\s+\\[4]").matcher(inspect.out()).find(), inspect::toString);
        assertTrue(inspect.out().contains("parts: model (module), optimizer (optimizer)"), inspect::toString);
        assertTrue(inspect.out().contains("history:\n  (no completed epoch)"), inspect::toString);

        // Two full epochs, then the test split: a trained model is far above the 25 % of chance.
        Path full = dir.resolve("full");
        assertEquals(0, Cli.run("train", "synthetic", "--out", full.toString()).code());
        Cli inspectFull = Cli.run("inspect", full.toString());
        assertTrue(inspectFull.out().contains("  epoch 2 train loss "), inspectFull::toString);
        assertTrue(inspectFull.out().contains("  epoch 2 valid loss "), inspectFull::toString);
        Cli eval = Cli.run("eval", "synthetic", "--checkpoint", full.toString());
        assertEquals(0, eval.code(), eval::toString);
        Matcher accuracy = Pattern.compile("accuracy\\s+([0-9.]+)").matcher(eval.out());
        assertTrue(accuracy.find(), eval::toString);
        assertTrue(Double.parseDouble(accuracy.group(1)) > 0.9, eval::toString);

        // A fresh run into a directory that has checkpoints is refused rather than mixed with them.
        Cli again = Cli.run("train", "synthetic", "--out", out.toString(), "--max-steps", "1", "--epochs", "9");
        assertEquals(1, again.code(), again::toString);
        assertTrue(again.err().contains("already holds checkpoints"), again::toString);
        assertEquals(2, new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("config").get("epochs").asInt(),
                "the refused run leaves run.json alone");
    }
}
