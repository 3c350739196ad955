package dev.burnj.train;

/**
 * How often something happens during training — validation, checkpoints, log lines: every {@code n} epochs (at
 * epoch end) or every {@code n} optimizer steps.
 *
 * @param unit epochs or steps
 * @param n the period, at least 1
 */
public record Interval(Unit unit, int n) {
    /** What the period counts. */
    public enum Unit { EPOCHS, STEPS }

    public Interval {
        if (unit == null || n < 1) {
            throw new IllegalArgumentException("an interval needs a unit and n >= 1, got " + unit + " " + n);
        }
    }

    public static Interval epochs(int n) {
        return new Interval(Unit.EPOCHS, n);
    }

    public static Interval steps(int n) {
        return new Interval(Unit.STEPS, n);
    }

    /** Whether it is due at the end of epoch {@code epoch} (0-based). */
    boolean atEpochEnd(int epoch) {
        return unit == Unit.EPOCHS && (epoch + 1) % n == 0;
    }

    /** Whether it is due after global step {@code step} (counted from 1). */
    boolean afterStep(long step) {
        return unit == Unit.STEPS && step % n == 0;
    }
}
