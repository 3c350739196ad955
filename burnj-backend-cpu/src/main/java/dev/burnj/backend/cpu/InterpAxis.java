package dev.burnj.backend.cpu;

import dev.burnj.backend.InterpolateMode;

/**
 * The resampling taps along one spatial axis, PyTorch's {@code align_corners=false}: output position {@code o} blends
 * the inputs {@code index[o * taps + t]} with weights {@code weight[o * taps + t]}, {@code t < taps}. Nearest takes one
 * tap, {@code min(floor(o * in / out), in - 1)}; bilinear two, the neighbours of the source coordinate
 * {@code (o + 0.5) * in / out - 0.5} clamped at 0 (the upper one clamped to the edge).
 */
final class InterpAxis {
    final int in;
    final int out;
    final int taps;
    final int[] index;
    final double[] weight;

    private InterpAxis(int in, int out, int taps) {
        this.in = in;
        this.out = out;
        this.taps = taps;
        this.index = new int[out * taps];
        this.weight = new double[out * taps];
    }

    static InterpAxis of(int in, int out, InterpolateMode mode) {
        double scale = (double) in / out;
        if (mode == InterpolateMode.NEAREST) {
            InterpAxis a = new InterpAxis(in, out, 1);
            for (int o = 0; o < out; o++) {
                a.index[o] = Math.min((int) Math.floor(o * scale), in - 1);
                a.weight[o] = 1.0;
            }
            return a;
        }
        InterpAxis a = new InterpAxis(in, out, 2);
        for (int o = 0; o < out; o++) {
            double src = Math.max(0.0, (o + 0.5) * scale - 0.5);
            int lo = Math.min((int) Math.floor(src), in - 1);
            double frac = src - lo;
            a.index[2 * o] = lo;
            a.index[2 * o + 1] = Math.min(lo + 1, in - 1);
            a.weight[2 * o] = 1.0 - frac;
            a.weight[2 * o + 1] = frac;
        }
        return a;
    }
}
