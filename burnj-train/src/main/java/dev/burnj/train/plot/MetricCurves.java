package dev.burnj.train.plot;

import dev.burnj.train.CsvMetricLogger;
import dev.burnj.train.Split;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The curves of a run, read from the long-form {@code metrics.csv} of {@link CsvMetricLogger}: per metric, the
 * training value at every logged step, and the epoch value of each split over epochs (numbered from 1). Non-finite
 * values are left out. Reading the file, rather than keeping values in memory, makes a resumed run's curves start
 * at its first step: the logger cut the file back to the checkpoint it resumed from.
 *
 * @param steps training curves over steps, by metric, in the order the file names them
 * @param epochs epoch curves by metric, then split
 */
public record MetricCurves(Map<String, Curve> steps, Map<String, Map<Split, Curve>> epochs) {
    public MetricCurves {
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        epochs = Collections.unmodifiableMap(new LinkedHashMap<>(epochs));
    }

    /** Reads {@code csv}; a missing file reads as no curves. */
    public static MetricCurves read(Path csv) throws IOException {
        Map<String, Points> steps = new LinkedHashMap<>();
        Map<String, Map<Split, Points>> epochs = new LinkedHashMap<>();
        if (!Files.exists(csv)) {
            return new MetricCurves(Map.of(), Map.of());
        }
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (lineNumber == 1 || line.isEmpty()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 6) {
                    throw new IOException(csv + " line " + lineNumber + ": expected 6 fields (kind,split,epoch,step,metric,value), found "
                            + f.length);
                }
                double value;
                try {
                    value = Double.parseDouble(f[5]);
                } catch (NumberFormatException e) {
                    throw new IOException(csv + " line " + lineNumber + ": value '" + f[5] + "' is not a number", e);
                }
                if (!Double.isFinite(value)) {
                    continue;
                }
                if (f[0].equals("step")) {
                    steps.computeIfAbsent(f[4], k -> new Points()).add(Long.parseLong(f[3]), value);
                } else if (f[0].equals("epoch")) {
                    epochs.computeIfAbsent(f[4], k -> new EnumMap<>(Split.class)).computeIfAbsent(split(f[1]), k -> new Points())
                            .add(Integer.parseInt(f[2]) + 1, value);
                }
            }
        }
        Map<String, Curve> stepCurves = new LinkedHashMap<>();
        steps.forEach((metric, points) -> stepCurves.put(metric, points.curve()));
        Map<String, Map<Split, Curve>> epochCurves = new LinkedHashMap<>();
        epochs.forEach((metric, bySplit) -> {
            Map<Split, Curve> curves = new EnumMap<>(Split.class);
            bySplit.forEach((split, points) -> curves.put(split, points.curve()));
            epochCurves.put(metric, Collections.unmodifiableMap(curves));
        });
        return new MetricCurves(stepCurves, epochCurves);
    }

    private static Split split(String label) throws IOException {
        for (Split s : Split.values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw new IOException("metrics.csv: unknown split '" + label + "'");
    }

    /** Growing x/y columns (primitive: a long run logs hundreds of thousands of values). */
    private static final class Points {
        private double[] x = new double[64];
        private double[] y = new double[64];
        private int size;

        void add(double px, double py) {
            if (size == x.length) {
                x = Arrays.copyOf(x, size * 2);
                y = Arrays.copyOf(y, size * 2);
            }
            x[size] = px;
            y[size] = py;
            size++;
        }

        Curve curve() {
            return new Curve(Arrays.copyOf(x, size), Arrays.copyOf(y, size));
        }
    }
}
