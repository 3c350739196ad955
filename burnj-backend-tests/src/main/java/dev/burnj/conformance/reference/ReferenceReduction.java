package dev.burnj.conformance.reference;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.TensorData;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * Reference reductions and scans. Everything is expressed on "lanes": the 1-D runs of elements along one
 * dimension, so each op only says what it does to one lane.
 */
public final class ReferenceReduction {
    private ReferenceReduction() {}

    /** Applies {@code f} to every lane along {@code dim}; the result lane has length {@code outLength}. */
    public static TensorData lanes(TensorData a, int dim, int outLength, UnaryOperator<double[]> f, DType dtype) {
        Nd x = Nd.of(a);
        int[] outShape = x.shape.clone();
        outShape[dim] = outLength;
        Nd out = Nd.zeros(outShape);
        int n = x.shape[dim];
        int[] idx = new int[x.rank()];
        // Iterate over every lane start: all positions of the output with the reduced index 0.
        int[] laneShape = x.shape.clone();
        laneShape[dim] = 1;
        Nd starts = Nd.zeros(laneShape);
        for (int s = 0; s < starts.size(); s++) {
            starts.unravel(s, idx);
            double[] lane = new double[n];
            for (int k = 0; k < n; k++) {
                idx[dim] = k;
                lane[k] = x.v[x.offset(idx)];
            }
            double[] result = f.apply(lane);
            for (int k = 0; k < outLength; k++) {
                idx[dim] = k;
                out.v[out.offset(idx)] = result[k];
            }
        }
        return out.to(dtype);
    }

    /** Reduces each lane along {@code dim} to one value, keeping the dim with size 1. */
    public static TensorData reduceDim(TensorData a, int dim, ToDoubleFunction<double[]> f, DType dtype) {
        return lanes(a, dim, 1, lane -> new double[] {f.applyAsDouble(lane)}, dtype);
    }

    /** Reduces all elements to shape {@code [1]}. */
    public static TensorData reduceAll(TensorData a, ToDoubleFunction<double[]> f, DType dtype) {
        return new Nd(new int[] {1}, new double[] {f.applyAsDouble(a.toDoubles())}).to(dtype);
    }

    public static double sum(double[] lane) {
        double s = 0;
        for (double x : lane) {
            s += x;
        }
        return s;
    }

    public static double prod(double[] lane) {
        double p = 1;
        for (double x : lane) {
            p *= x;
        }
        return p;
    }

    public static double max(double[] lane) {
        return Arrays.stream(lane).max().orElseThrow();
    }

    public static double min(double[] lane) {
        return Arrays.stream(lane).min().orElseThrow();
    }

    public static double mean(double[] lane) {
        return sum(lane) / lane.length;
    }

    /** Variance with {@code correction} subtracted from the count (two-pass, so it is accurate). */
    public static double var(double[] lane, int correction) {
        double m = mean(lane);
        double s = 0;
        for (double x : lane) {
            s += (x - m) * (x - m);
        }
        return s / Math.max(0, lane.length - correction);
    }

    public static double logSumExp(double[] lane) {
        double m = max(lane);
        double s = 0;
        for (double x : lane) {
            s += Math.exp(x - m);
        }
        return m + Math.log(s);
    }

    /** Index of the first largest element. */
    public static double argmax(double[] lane) {
        int best = 0;
        for (int i = 1; i < lane.length; i++) {
            if (lane[i] > lane[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Index of the first smallest element. */
    public static double argmin(double[] lane) {
        int best = 0;
        for (int i = 1; i < lane.length; i++) {
            if (lane[i] < lane[best]) {
                best = i;
            }
        }
        return best;
    }

    public static double[] cumsum(double[] lane) {
        double[] out = new double[lane.length];
        double s = 0;
        for (int i = 0; i < lane.length; i++) {
            s += lane[i];
            out[i] = s;
        }
        return out;
    }

    /** Stable argsort: equal elements keep their original order in both directions. */
    public static double[] argsort(double[] lane, boolean descending) {
        Integer[] order = new Integer[lane.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> byValue = (i, j) -> Double.compare(lane[i], lane[j]);
        // Arrays.sort on objects is a stable merge sort; reversing the comparator (not the result) keeps ties in order.
        Arrays.sort(order, descending ? byValue.reversed() : byValue);
        double[] out = new double[lane.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        return out;
    }

    public static double[] sort(double[] lane, boolean descending) {
        double[] order = argsort(lane, descending);
        double[] out = new double[lane.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = lane[(int) order[i]];
        }
        return out;
    }

    public static double[] softmax(double[] lane) {
        double lse = logSumExp(lane);
        double[] out = new double[lane.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(lane[i] - lse);
        }
        return out;
    }

    public static double[] logSoftmax(double[] lane) {
        double lse = logSumExp(lane);
        double[] out = new double[lane.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = lane[i] - lse;
        }
        return out;
    }
}
