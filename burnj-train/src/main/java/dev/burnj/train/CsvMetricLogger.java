package dev.burnj.train;

import dev.burnj.record.AtomicFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes metrics to a CSV file in long ("tidy") form — {@code kind,split,epoch,step,metric,value}, one row per value —
 * so that any set of metrics fits one header and pandas, R or a spreadsheet reads it as is. {@code kind} is
 * {@code step} or {@code epoch}. Rows are flushed at each epoch; on resume, rows after the checkpoint are dropped.
 */
public final class CsvMetricLogger implements MetricLogger {
    static final String HEADER = "kind,split,epoch,step,metric,value";

    private final Path file;
    private BufferedWriter out;
    private long lastStep;

    private CsvMetricLogger(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (fresh) {
            out.write(HEADER);
            out.newLine();
        }
    }

    /** A logger appending to {@code file} (created with its header if new). */
    public static CsvMetricLogger to(Path file) throws IOException {
        return new CsvMetricLogger(file);
    }

    public Path file() {
        return file;
    }

    @Override
    public void logStep(StepEvent event) throws IOException {
        lastStep = event.step();
        rows("step", Split.TRAIN, event.epoch(), event.step(), event.values());
    }

    @Override
    public void logEpoch(EpochMetrics metrics) throws IOException {
        rows("epoch", metrics.split(), metrics.epoch(), lastStep, metrics.values());
        out.flush();
    }

    private void rows(String kind, Split split, int epoch, long step, Map<String, Double> values) throws IOException {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            out.write(kind + "," + split.label() + "," + epoch + "," + step + "," + e.getKey() + "," + format(e.getValue()));
            out.newLine();
        }
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "Infinity" : "-Infinity") : String.format(Locale.ROOT, "%.9g", v);
    }

    /** Keeps the header and the rows up to the resume point: step rows of steps {@code <= step}, epoch rows of earlier epochs. */
    @Override
    public void resumeAt(int epoch, long step) throws IOException {
        out.close();
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split(",", -1);
            if (line.equals(HEADER) || f.length != 6) {
                kept.add(line);
                continue;
            }
            boolean keep = f[0].equals("step") ? Long.parseLong(f[3]) <= step : Integer.parseInt(f[2]) < epoch;
            if (keep) {
                kept.add(line);
            }
        }
        if (kept.isEmpty() || !kept.get(0).equals(HEADER)) {
            kept.add(0, HEADER);
        }
        AtomicFile.write(file, (String.join(System.lineSeparator(), kept) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
        lastStep = step;
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
