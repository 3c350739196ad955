package dev.burnj.train;

/**
 * Where a fit is, saved in every Learner checkpoint: the epoch, how many of its batches have run, the global
 * optimizer step, and the count of skipped non-finite steps. Resuming continues from exactly here.
 *
 * @param epoch the current epoch (from 0)
 * @param batchesDone batches of {@code epoch} already trained on
 * @param step optimizer steps made so far
 * @param skippedSteps batches skipped for a non-finite loss
 */
public record TrainingProgress(int epoch, int batchesDone, long step, long skippedSteps) {
    public TrainingProgress {
        if (epoch < 0 || batchesDone < 0 || step < 0 || skippedSteps < 0) {
            throw new IllegalArgumentException("TrainingProgress: negative counter in " + epoch + ", " + batchesDone + ", " + step + ", " + skippedSteps);
        }
    }
}
