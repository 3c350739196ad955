package dev.burnj.train;

import dev.burnj.train.checkpoint.Checkpoint;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A live terminal bar per epoch — batches done, elapsed time and ETA, items per second and the current batch's
 * metrics — drawn by the progressbar library, followed by {@link ProgressPrinter}'s epoch line (package-private).
 */
final class ProgressBarPrinter implements ProgressView {
    /** Width when the output is not the terminal's standard output, whose width JLine reports. */
    static final int DETACHED_WIDTH = 120;

    private final PrintStream out;
    private final ProgressPrinter lines;
    private final int epochs;
    private ProgressBar bar;
    private long items;
    private long startNanos;

    ProgressBarPrinter(PrintStream out, ProgressPrinter lines, int epochs) {
        this.out = out;
        this.lines = lines;
        this.epochs = epochs;
    }

    @Override
    public void resumed(Checkpoint from, int epoch, int batchesDone) {
        lines.resumed(from, epoch, batchesDone);
    }

    @Override
    public void epochStart(int epoch, int batches, int startBatch) {
        close();
        lines.epochStart(epoch, batches, startBatch);
        ConsoleProgressBarConsumer consumer = out == System.out ? new ConsoleProgressBarConsumer(out)
                : new ConsoleProgressBarConsumer(out, DETACHED_WIDTH);
        bar = new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs))
                .setInitialMax(batches)
                .startsFrom(startBatch, Duration.ZERO)
                .setStyle(ProgressBarStyle.UNICODE_BLOCK)
                .setUpdateIntervalMillis(250)
                .setConsumer(consumer)
                .build();
        items = 0;
        startNanos = System.nanoTime();
    }

    @Override
    public void step(StepEvent e) {
        if (bar == null) {
            return;
        }
        items += e.items();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        bar.setExtraMessage(ProgressPrinter.format(e.values())
                + (seconds > 0 ? String.format(Locale.ROOT, " | %.0f items/s", items / seconds) : ""));
        bar.stepTo(e.batch() + 1L);
    }

    @Override
    public void epochEnd(EpochMetrics train, EpochMetrics valid) {
        close();
        lines.epochEnd(train, valid);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
