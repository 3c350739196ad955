package dev.burnj.conformance.support;

import dev.burnj.tensor.TensorData;
import java.util.Arrays;
import org.opentest4j.AssertionFailedError;

/** Compares backend results with reference values, with failure messages that name the op and the first mismatches. */
public final class Compare {
    private static final int SHOWN = 6;

    private Compare() {}

    /**
     * Fails unless {@code actual} has the shape and dtype of {@code expected} and every element is within
     * {@code tolerance}.
     *
     * @param what describes the op, dtype and shapes; it starts every failure message
     */
    public static void assertClose(String what, TensorData expected, TensorData actual, Tolerance tolerance) {
        if (!actual.shape().equals(expected.shape())) {
            throw new AssertionFailedError(what + ": shape " + actual.shape() + ", expected " + expected.shape());
        }
        if (actual.dtype() != expected.dtype()) {
            throw new AssertionFailedError(what + ": dtype " + actual.dtype() + ", expected " + expected.dtype());
        }
        int bad = 0;
        StringBuilder details = new StringBuilder();
        int[] dims = expected.shape().dims();
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getDouble(i);
            double a = actual.getDouble(i);
            if (!tolerance.accepts(e, a)) {
                if (bad < SHOWN) {
                    details.append("\n  at ").append(Arrays.toString(unravel(i, dims))).append(": expected ").append(e).append(", got ")
                            .append(a);
                }
                bad++;
            }
        }
        if (bad > 0) {
            throw new AssertionFailedError(what + ": " + bad + " of " + expected.size() + " elements differ (" + tolerance + ")"
                    + details + (bad > SHOWN ? "\n  ..." : "") + "\n  expected " + preview(expected) + "\n  got      " + preview(actual),
                    preview(expected), preview(actual));
        }
    }

    /** The first elements of {@code data}, for messages. */
    public static String preview(TensorData data) {
        double[] v = data.toDoubles();
        int n = Math.min(v.length, 24);
        StringBuilder sb = new StringBuilder(data.shape() + " " + data.dtype() + " [");
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ", " : "").append(v[i]);
        }
        return sb.append(v.length > n ? ", ...]" : "]").toString();
    }

    static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int d = dims.length - 1; d >= 0; d--) {
            if (dims[d] > 0) {
                idx[d] = flat % dims[d];
                flat /= dims[d];
            }
        }
        return idx;
    }
}
