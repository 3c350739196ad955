package dev.burnj.samples.gan;

import java.util.List;

/**
 * What the {@code fashion-mnist-cnn} classifier says about a set of generated images: the Fréchet distance of its
 * penultimate features to real images, how many images it classifies confidently, and how the images spread over
 * the classes (a generator that has collapsed onto a few modes fills few classes).
 *
 * @param fid the Fréchet distance between the samples' and the real images' 128-d features
 * @param confidentFraction the fraction of samples whose largest class probability is at least
 *     {@link SampleQuality#CONFIDENCE}
 * @param classCounts how many samples fall in each class (by largest probability), in the order of
 *     {@link ClassifierFeatures#CLASS_NAMES}
 */
public record ClassifierReport(double fid, double confidentFraction, List<Integer> classCounts) {
    public ClassifierReport {
        classCounts = List.copyOf(classCounts);
        if (classCounts.size() != ClassifierFeatures.CLASS_NAMES.size()) {
            throw new IllegalArgumentException("ClassifierReport: " + classCounts.size() + " class counts, expected "
                    + ClassifierFeatures.CLASS_NAMES.size());
        }
        if (!(confidentFraction >= 0 && confidentFraction <= 1)) {
            throw new IllegalArgumentException("ClassifierReport: the confident fraction must be in [0, 1], got " + confidentFraction);
        }
    }

    /** The number of samples classified. */
    public int samples() {
        return classCounts.stream().mapToInt(Integer::intValue).sum();
    }

    /** The fraction of the samples in class {@code label}. */
    public double share(int label) {
        return (double) classCounts.get(label) / samples();
    }

    /** How many classes hold at least {@code percent} % of the samples each (compared exactly, in integers). */
    public int classesWithAtLeastPercent(int percent) {
        int n = samples();
        return (int) classCounts.stream().filter(count -> 100L * count >= (long) percent * n).count();
    }
}
