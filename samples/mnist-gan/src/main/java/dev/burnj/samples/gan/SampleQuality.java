package dev.burnj.samples.gan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sample's quality report of a set of generated images against a fixed set of real ones: the Fréchet distance
 * on {@link PooledPixels} and, given a {@link ClassifierFeatures} classifier, the Fréchet distance on its features,
 * the fraction of images it classifies with probability at least {@link #CONFIDENCE} and the class histogram. The
 * real images' statistics are computed once, so one object measures many sample sets (one per epoch, or files made
 * elsewhere). Images are {@code [n][784]} in {@code [-1, 1]}.
 */
public final class SampleQuality {
    /** Real and generated images compared by the report, as the sample's issue asks. */
    public static final int SAMPLES = 2000;
    /** The class probability from which a sample counts as confidently classified. */
    public static final double CONFIDENCE = 0.9;
    /** The share of the samples a class must hold to count as filled. */
    public static final int MIN_CLASS_PERCENT = 2;
    private static final int SIDE = 28;
    private static final int POOL = 4;

    private final int realImages;
    private final FrechetDistance.Statistics pooled;
    private final ClassifierFeatures classifier;
    private final FrechetDistance.Statistics classified;

    private SampleQuality(int realImages, FrechetDistance.Statistics pooled, ClassifierFeatures classifier, FrechetDistance.Statistics classified) {
        this.realImages = realImages;
        this.pooled = pooled;
        this.classifier = classifier;
        this.classified = classified;
    }

    /**
     * Measures against {@code real}; with {@code classifier} (which stays the caller's to close; null for the
     * pooled-pixel distance only) also on its features and classes.
     */
    public static SampleQuality against(float[][] real, ClassifierFeatures classifier) {
        FrechetDistance.Statistics pooled = FrechetDistance.Statistics.of(PooledPixels.features(real, SIDE, POOL));
        FrechetDistance.Statistics classified = classifier == null ? null : FrechetDistance.Statistics.of(classifier.features(real));
        return new SampleQuality(real.length, pooled, classifier, classified);
    }

    /** The number of real images measured against. */
    public int realImages() {
        return realImages;
    }

    /** Whether the report includes the classifier's measures. */
    public boolean hasClassifier() {
        return classifier != null;
    }

    /** The report of {@code samples}. */
    public QualityReport measure(float[][] samples) {
        double fidPool7 = FrechetDistance.between(pooled, FrechetDistance.Statistics.of(PooledPixels.features(samples, SIDE, POOL)));
        Optional<ClassifierReport> classes = Optional.empty();
        if (classifier != null) {
            ClassifierFeatures.Classified seen = classifier.classify(samples);
            classes = Optional.of(new ClassifierReport(FrechetDistance.between(classified, FrechetDistance.Statistics.of(seen.features())),
                    confidentFraction(seen.probabilities(), CONFIDENCE), classCounts(seen.probabilities())));
        }
        return new QualityReport(samples.length, fidPool7, classes);
    }

    /** The fraction of rows of {@code probabilities} whose largest entry is at least {@code threshold}. */
    public static double confidentFraction(double[][] probabilities, double threshold) {
        if (probabilities.length == 0) {
            throw new IllegalArgumentException("SampleQuality: no probability rows to count");
        }
        int confident = 0;
        for (double[] row : probabilities) {
            if (row[argmax(row)] >= threshold) {
                confident++;
            }
        }
        return (double) confident / probabilities.length;
    }

    /**
     * How many rows of {@code probabilities} have their largest entry in each column (the first of equal largest
     * ones): the class histogram. Every row must have as many entries as there are classes.
     */
    public static List<Integer> classCounts(double[][] probabilities) {
        int classes = ClassifierFeatures.CLASS_NAMES.size();
        int[] counts = new int[classes];
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i].length != classes) {
                throw new IllegalArgumentException("SampleQuality: probability row " + i + " has " + probabilities[i].length + " entries, expected "
                        + classes);
            }
            counts[argmax(probabilities[i])]++;
        }
        List<Integer> out = new ArrayList<>(classes);
        for (int count : counts) {
            out.add(count);
        }
        return out;
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }
}
