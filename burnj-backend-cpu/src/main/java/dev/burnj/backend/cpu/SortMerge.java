package dev.burnj.backend.cpu;

/**
 * A stable sort of long keys carrying int payloads (the positions argsort reports): insertion sort on short runs,
 * then bottom-up merges that take the left element on ties. It owns the scratch buffers, so one instance sorts many
 * lanes without allocating.
 */
final class SortMerge {
    private static final int RUN = 16;

    private final long[] keyScratch;
    private final int[] valueScratch;

    SortMerge(int capacity) {
        keyScratch = new long[capacity];
        valueScratch = new int[capacity];
    }

    /** Sorts {@code keys[0, n)} ascending, moving {@code values} along. */
    void sort(long[] keys, int[] values, int n) {
        for (int lo = 0; lo < n; lo += RUN) {
            insertion(keys, values, lo, Math.min(lo + RUN, n));
        }
        long[] fromKeys = keys;
        int[] fromValues = values;
        long[] toKeys = keyScratch;
        int[] toValues = valueScratch;
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                merge(fromKeys, fromValues, toKeys, toValues, lo, mid, hi);
            }
            long[] k = fromKeys;
            fromKeys = toKeys;
            toKeys = k;
            int[] v = fromValues;
            fromValues = toValues;
            toValues = v;
        }
        if (fromKeys != keys) {
            System.arraycopy(fromKeys, 0, keys, 0, n);
            System.arraycopy(fromValues, 0, values, 0, n);
        }
    }

    private static void insertion(long[] keys, int[] values, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            long k = keys[i];
            int v = values[i];
            int j = i;
            for (; j > lo && keys[j - 1] > k; j--) {
                keys[j] = keys[j - 1];
                values[j] = values[j - 1];
            }
            keys[j] = k;
            values[j] = v;
        }
    }

    private static void merge(long[] keys, int[] values, long[] toKeys, int[] toValues, int lo, int mid, int hi) {
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (j >= hi || i < mid && keys[i] <= keys[j]) {
                toKeys[k] = keys[i];
                toValues[k] = values[i++];
            } else {
                toKeys[k] = keys[j];
                toValues[k] = values[j++];
            }
        }
    }
}
