package dev.burnj.train.metric;

/** Host copies of a classification batch, shared by the classification metrics. */
final class Predictions {
    private Predictions() {}

    /** The target class of each item, checked against the scores' shape. */
    static int[] targets(ClassificationInput input) {
        int batch = input.scores().dim(0);
        int[] targets = input.targets().toIntArray();
        if (targets.length != batch) {
            throw new IllegalArgumentException("classification metric: scores " + input.scores().shape() + " but targets "
                    + input.targets().shape() + ": the batch sizes differ");
        }
        int classes = input.scores().dim(1);
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || targets[i] >= classes) {
                throw new IllegalArgumentException("classification metric: target " + targets[i] + " of item " + i + " is not a class index in [0, "
                        + classes + ")");
            }
        }
        return targets;
    }

    /** The highest-scoring class of each item. */
    static int[] predicted(ClassificationInput input) {
        try (var argmax = input.scores().argmax(1)) {
            return argmax.toIntArray();
        }
    }
}
