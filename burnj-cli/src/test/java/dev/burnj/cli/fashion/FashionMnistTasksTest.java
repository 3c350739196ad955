package dev.burnj.cli.fashion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.cli.Main;
import dev.burnj.data.source.DataNotFoundException;
import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.testkit.Requirement;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job with a tiny budget, so that it cannot rot: each built-in task trains 50 steps on the real
 * Fashion-MNIST data through the CLI, checkpoints, and prints a test accuracy well above chance (0.1).
 */
class FashionMnistTasksTest {
    private static final Pattern ACCURACY = Pattern.compile("(?m)^test_accuracy=(\\d\\.\\d{4})$");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTheData() {
        try {
            FashionMnistDataset.test();
        } catch (DataNotFoundException e) {
            Requirement.assumeOrFail("fashion-mnist", false, e.getMessage());
        }
    }

    private double train(String task, int steps) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(new String[] {"train", task, "--max-steps", String.valueOf(steps), "--out", dir.resolve(task).toString()}, o, e);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed + err.toString(StandardCharsets.UTF_8));
        Matcher m = ACCURACY.matcher(printed);
        assertTrue(m.find(), "a test_accuracy line: " + printed);
        assertTrue(Files.isDirectory(dir.resolve(task).resolve("checkpoints").resolve(String.format("checkpoint-%012d", steps))), printed);
        assertTrue(Files.exists(dir.resolve(task).resolve("metrics.csv")));
        return Double.parseDouble(m.group(1));
    }

    @Test
    void mlpLearnsInFiftySteps() throws Exception {
        double accuracy = train("fashion-mnist-mlp", 50);
        assertTrue(accuracy > 0.6, "test accuracy after 50 steps: " + accuracy);
    }

    @Test
    void cnnLearnsInFiftySteps() throws Exception {
        double accuracy = train("fashion-mnist-cnn", 50);
        assertTrue(accuracy > 0.5, "test accuracy after 50 steps: " + accuracy);
    }
}
