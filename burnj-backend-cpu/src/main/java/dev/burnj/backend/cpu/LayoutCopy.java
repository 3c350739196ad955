package dev.burnj.backend.cpu;

/** One strided run of raw element copies, the inner loop of flip and the gathers. */
final class LayoutCopy {
    private LayoutCopy() {}

    /**
     * Copies {@code n} elements of {@code size} bytes from address {@code f} to address {@code t}, stepping
     * {@code fs} and {@code ts} elements (either may be zero or negative); dense runs are one memory copy.
     */
    static void row(int size, long f, long fs, long t, long ts, int n) {
        if (fs == 1 && ts == 1) {
            NativeMemory.copy(f, t, (long) n * size);
            return;
        }
        long fb = fs * size;
        long tb = ts * size;
        switch (size) {
            case 4 -> {
                for (int i = 0; i < n; i++, f += fb, t += tb) {
                    NativeMemory.putInt(t, NativeMemory.getInt(f));
                }
            }
            case 8 -> {
                for (int i = 0; i < n; i++, f += fb, t += tb) {
                    NativeMemory.putLong(t, NativeMemory.getLong(f));
                }
            }
            default -> {
                for (int i = 0; i < n; i++, f += fb, t += tb) {
                    Access.copyItem(size, f, t);
                }
            }
        }
    }
}
