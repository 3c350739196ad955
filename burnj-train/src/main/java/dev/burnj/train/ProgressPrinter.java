package dev.burnj.train;

import dev.burnj.train.checkpoint.Checkpoint;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Plain progress lines, for logs and CI: one every {@code every} optimizer steps and one per epoch with the train and
 * validation metrics and the epoch's wall time (package-private; the Learner's default output).
 */
final class ProgressPrinter implements ProgressView {
    private final PrintStream out;
    private final int every;
    private final int epochs;
    private long epochStart;
    private long lastPrintedStep = -1;

    ProgressPrinter(PrintStream out, int every, int epochs) {
        this.out = out;
        this.every = every;
        this.epochs = epochs;
    }

    @Override
    public void resumed(Checkpoint from, int epoch, int batchesDone) {
        out.printf(Locale.ROOT, "resumed from %s: epoch %d, batch %d, step %d%n", from.directory(), epoch + 1, batchesDone, from.step());
    }

    @Override
    public void epochStart(int epoch, int batches, int startBatch) {
        epochStart = System.nanoTime();
    }

    @Override
    public void step(StepEvent e) {
        if (e.step() % every == 0 && e.step() != lastPrintedStep) {
            lastPrintedStep = e.step();
            out.printf(Locale.ROOT, "epoch %d/%d [%d/%d] step %d %s%n", e.epoch() + 1, epochs, e.batch() + 1, e.batches(), e.step(),
                    format(e.values()));
        }
    }

    @Override
    public void epochEnd(EpochMetrics train, EpochMetrics valid) {
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        out.printf(Locale.ROOT, "epoch %d/%d done in %.1f s: train %s%s%n", train.epoch() + 1, epochs, seconds, format(train.values()),
                valid == null ? "" : " | valid " + format(valid.values()));
    }

    static String format(Map<String, Double> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append(' ').append(number(v)));
        return sb.toString();
    }

    static String number(double v) {
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
