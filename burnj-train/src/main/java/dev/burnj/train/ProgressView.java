package dev.burnj.train;

import dev.burnj.train.checkpoint.Checkpoint;
import java.io.PrintStream;

/** What the Learner shows while it trains — plain lines or a live bar (package-private). */
interface ProgressView extends AutoCloseable {
    void resumed(Checkpoint from, int epoch, int batchesDone);

    /** An epoch begins with {@code startBatch} of its {@code batches} already done (non-zero after a resume). */
    void epochStart(int epoch, int batches, int startBatch);

    void step(StepEvent e);

    void epochEnd(EpochMetrics train, EpochMetrics valid);

    /** Ends what is still drawn (a fit that stops mid-epoch or fails). */
    @Override
    default void close() {}

    /** The view for {@code mode} ({@link ProgressMode#AUTO} decided for {@code out}), or null for none. */
    static ProgressView of(ProgressMode mode, PrintStream out, int logEvery, int epochs) {
        return switch (mode.resolve(out)) {
            case BAR -> new ProgressBarPrinter(out, new ProgressPrinter(out, logEvery, epochs), epochs);
            case LINES -> new ProgressPrinter(out, logEvery, epochs);
            case OFF -> null;
            case AUTO -> throw new AssertionError("resolve decides AUTO");
        };
    }
}
