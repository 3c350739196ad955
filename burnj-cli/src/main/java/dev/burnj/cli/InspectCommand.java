package dev.burnj.cli;

import dev.burnj.record.SafeTensorsReader;
import dev.burnj.record.TensorEntry;
import dev.burnj.train.EpochMetrics;
import dev.burnj.train.MetricHistory;
import dev.burnj.train.checkpoint.Checkpoint;
import dev.burnj.train.checkpoint.PartKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code burnj inspect CHECKPOINT}: format version, step, metrics, parts, parameter shapes and the metric history. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Shows a checkpoint: format version, step, epoch, metrics, parts, every parameter's dtype and shape, and the "
                + "metric history. Every part is checked against its size and SHA-256 first.")
final class InspectCommand implements Callable<Integer> {
    @ParentCommand
    BurnjCommand parent;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint directory, or a run's output directory for its newest checkpoint.")
    Path path;

    @Override
    public Integer call() throws IOException {
        PrintStream out = parent.out;
        Checkpoint checkpoint = CheckpointArgument.open(path);
        checkpoint.verify();
        out.println("checkpoint " + checkpoint.directory());
        out.println("format version " + checkpoint.formatVersion() + ", step " + checkpoint.step() + ", epoch " + checkpoint.epoch()
                + ", saved " + checkpoint.created());
        List<String> metrics = new ArrayList<>();
        checkpoint.metrics().forEach((k, v) -> metrics.add(k + " " + number(v)));
        out.println("metrics: " + (metrics.isEmpty() ? "none" : String.join(", ", metrics)));
        List<String> parts = new ArrayList<>();
        for (String part : checkpoint.parts()) {
            parts.add(part + " (" + checkpoint.kind(part).name().toLowerCase(Locale.ROOT) + ")");
        }
        out.println("parts: " + String.join(", ", parts));
        for (String part : checkpoint.parts()) {
            if (checkpoint.kind(part) != PartKind.OPTIMIZER && checkpoint.kind(part) != PartKind.MODULE) {
                continue;
            }
            try (SafeTensorsReader reader = SafeTensorsReader.open(checkpoint.file(part))) {
                printTensors(out, part, checkpoint.kind(part), reader.entries());
            }
        }
        if (checkpoint.parts().contains("history")) {
            printHistory(out, checkpoint.readJson("history", MetricHistory.class));
        }
        return ExitCodes.OK;
    }

    private static void printTensors(PrintStream out, String part, PartKind kind, List<TensorEntry> entries) {
        long total = 0;
        for (TensorEntry e : entries) {
            total += e.shape().numel();
        }
        out.printf(Locale.ROOT, "%s: %d tensors, %,d values%n", part, entries.size(), total);
        if (kind != PartKind.MODULE) {
            return;
        }
        int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (TensorEntry e : entries) {
            out.printf(Locale.ROOT, "  %-" + width + "s  %-4s %s%n", e.name(), e.dtype(), e.shape());
        }
    }

    private static void printHistory(PrintStream out, MetricHistory history) {
        out.println("history:");
        if (history.epochs().isEmpty()) {
            out.println("  (no completed epoch)");
        }
        for (EpochMetrics m : history.epochs()) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  epoch %d %-5s", m.epoch() + 1, m.split().label()));
            for (Map.Entry<String, Double> v : m.values().entrySet()) {
                sb.append(' ').append(v.getKey()).append(' ').append(number(v.getValue()));
            }
            out.println(sb);
        }
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
