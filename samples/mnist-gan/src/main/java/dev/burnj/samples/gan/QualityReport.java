package dev.burnj.samples.gan;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The quality measures of one set of generated images, as {@link SampleQuality#measure} computes them, with the
 * three ways the sample shows them: {@link #metrics()} for checkpoint manifests and scripts, {@link #summary()} for
 * the epoch line, {@link #table()} for a reader.
 *
 * @param samples the number of generated images measured
 * @param fidPool7 the Fréchet distance on 7×7 average-pooled pixels ({@link PooledPixels})
 * @param classifier the classifier's measures, if a classifier was given
 */
public record QualityReport(int samples, double fidPool7, Optional<ClassifierReport> classifier) {
    /** The metric names of the confident fraction and of the number of well-filled classes. */
    public static final String CONFIDENT = "conf" + Math.round(SampleQuality.CONFIDENCE * 100);
    public static final String CLASSES = "classes_ge" + SampleQuality.MIN_CLASS_PERCENT + "pct";

    public QualityReport {
        if (samples < 2) {
            throw new IllegalArgumentException("QualityReport: need at least 2 samples, got " + samples);
        }
    }

    /**
     * Every measure by name: {@code fid_pool7}; with a classifier also {@code fid_cnn}, {@code conf90} (the confident
     * fraction), {@code classes_ge2pct} (classes holding at least 2 % of the samples) and {@code class_<name>}, the
     * share of each class ({@link #metricName}).
     */
    public Map<String, Double> metrics() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("fid_pool7", fidPool7);
        classifier.ifPresent(c -> {
            out.put("fid_cnn", c.fid());
            out.put(CONFIDENT, c.confidentFraction());
            out.put(CLASSES, (double) c.classesWithAtLeastPercent(SampleQuality.MIN_CLASS_PERCENT));
            for (int label = 0; label < ClassifierFeatures.CLASS_NAMES.size(); label++) {
                out.put(metricName(label), c.share(label));
            }
        });
        return out;
    }

    /** The metric name of class {@code label}'s share: its name in lower case, other characters as {@code _}. */
    public static String metricName(int label) {
        return "class_" + ClassifierFeatures.CLASS_NAMES.get(label).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    /** One line of {@code name=value} pairs, starting with {@code samples=}: every metric, for a script to parse. */
    public String line() {
        StringBuilder sb = new StringBuilder("samples=").append(samples);
        metrics().forEach((name, value) -> sb.append(' ').append(name).append('=').append(formatted(name, value)));
        return sb.toString();
    }

    /** The measures without the per-class shares, for the epoch line. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        metrics().forEach((name, value) -> {
            if (!name.startsWith("class_")) {
                sb.append(sb.length() == 0 ? "" : " ").append(name).append('=').append(formatted(name, value));
            }
        });
        return sb.toString();
    }

    /** A readable multi-line report: the distances, the confident fraction and the class histogram with bars. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d generated images%n", samples));
        sb.append(String.format(Locale.ROOT, "  Frechet distance, 7x7 pooled pixels:    %10.4f%n", fidPool7));
        classifier.ifPresent(c -> {
            sb.append(String.format(Locale.ROOT, "  Frechet distance, classifier features:  %10.4f%n", c.fid()));
            sb.append(String.format(Locale.ROOT, "  classified with confidence >= %.1f:      %10.4f%n", SampleQuality.CONFIDENCE, c.confidentFraction()));
            sb.append(String.format(Locale.ROOT, "  classes with >= %d %% of the images:      %10d of %d%n", SampleQuality.MIN_CLASS_PERCENT,
                    c.classesWithAtLeastPercent(SampleQuality.MIN_CLASS_PERCENT), c.classCounts().size()));
            sb.append(String.format(Locale.ROOT, "  %-12s %6s %7s%n", "class", "images", "share"));
            for (int label = 0; label < c.classCounts().size(); label++) {
                double share = c.share(label);
                String row = String.format(Locale.ROOT, "  %-12s %6d %7.4f %s", ClassifierFeatures.CLASS_NAMES.get(label), c.classCounts().get(label),
                        share, "#".repeat((int) Math.round(share * 50)));
                sb.append(row.stripTrailing()).append(System.lineSeparator());
            }
        });
        return sb.toString();
    }

    private static String formatted(String name, double value) {
        return name.equals(CLASSES) ? Integer.toString((int) value) : String.format(Locale.ROOT, "%.4f", value);
    }
}
