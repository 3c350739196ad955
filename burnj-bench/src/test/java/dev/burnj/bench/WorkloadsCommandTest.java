package dev.burnj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnj.data.source.DataNotFoundException;
import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.testkit.Requirement;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The end-to-end runner with a tiny budget (as CI runs it, so that it cannot rot): every workload reports a sane value. */
class WorkloadsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void runsEveryWorkloadWithATinyBudget() throws Exception {
        try {
            FashionMnistDataset.train();
        } catch (DataNotFoundException e) {
            Requirement.assumeOrFail("fashion-mnist", false, e.getMessage());
        }
        Path json = dir.resolve("results.jsonl");
        StringWriter out = new StringWriter();
        CommandLine cli = BenchMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute("workloads", "--max-steps", "3", "--runs", "2", "--warmups", "0", "--json", json.toString());
        assertEquals(0, code, out.toString());

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(json)) {
            lines.add(JSON.readTree(line));
        }
        assertEquals(List.of("W1", "W2", "W3", "W4", "W5"), lines.stream().map(n -> n.get("workload").asText()).toList());
        for (JsonNode n : lines) {
            String w = n.get("workload").asText();
            assertEquals("burnj", n.get("side").asText());
            assertEquals(2, n.get("runs").size(), w);
            double value = n.get("value").asDouble();
            assertTrue(value > 0 && Double.isFinite(value), w + ": " + value);
            // The median of two runs is their mean.
            assertEquals((n.get("runs").get(0).asDouble() + n.get("runs").get(1).asDouble()) / 2, value, 1e-9 * value, w);
        }
        for (JsonNode n : lines.subList(0, 2)) {
            double accuracy = n.get("extras").get("test_accuracy").asDouble();
            // Three steps already beat chance (0.1) on the 10 000 test images.
            assertTrue(accuracy > 0.1 && accuracy <= 1, n.get("workload").asText() + " test accuracy " + accuracy);
        }
        assertEquals(3, lines.get(0).get("max_steps").asInt());
        String printed = out.toString();
        assertTrue(printed.contains("| W4 | GEMM fp32 1024x1024x1024 |"), printed);
        assertTrue(printed.lines().filter(l -> l.startsWith("{\"workload\"")).count() == 5, printed);
    }

    @Test
    void unknownWorkloadsAreAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = BenchMain.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertEquals(2, cli.execute("workloads", "--workloads", "W1,W9"));
        assertTrue(err.toString().contains("no workload W9; expected one of W1, W2, W3, W4, W5"), err.toString());
    }
}
