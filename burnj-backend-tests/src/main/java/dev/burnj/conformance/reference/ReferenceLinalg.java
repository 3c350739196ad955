package dev.burnj.conformance.reference;

import dev.burnj.tensor.TensorData;

/** Reference matrix product and linear layer. */
public final class ReferenceLinalg {
    private ReferenceLinalg() {}

    /** Product over the last two dims with NumPy broadcasting of the batch dims (equal ranks). */
    public static TensorData matmul(TensorData a, TensorData b) {
        Nd x = Nd.of(a);
        Nd y = Nd.of(b);
        int r = x.rank();
        int m = x.shape[r - 2];
        int k = x.shape[r - 1];
        int n = y.shape[r - 1];
        if (y.shape[r - 2] != k) {
            throw new IllegalArgumentException("reference matmul: inner sizes " + k + " and " + y.shape[r - 2]);
        }
        int[] batchX = java.util.Arrays.copyOf(x.shape, r - 2);
        int[] batchY = java.util.Arrays.copyOf(y.shape, r - 2);
        int[] batch = ReferenceElementwise.broadcastShape(batchX, batchY);
        int[] outShape = java.util.Arrays.copyOf(batch, r);
        outShape[r - 2] = m;
        outShape[r - 1] = n;
        Nd out = Nd.zeros(outShape);
        int[] idx = new int[r];
        int[] ix = new int[r];
        int[] iy = new int[r];
        for (int o = 0; o < out.size(); o++) {
            out.unravel(o, idx);
            for (int d = 0; d < r - 2; d++) {
                ix[d] = x.shape[d] == 1 ? 0 : idx[d];
                iy[d] = y.shape[d] == 1 ? 0 : idx[d];
            }
            double s = 0;
            for (int j = 0; j < k; j++) {
                ix[r - 2] = idx[r - 2];
                ix[r - 1] = j;
                iy[r - 2] = j;
                iy[r - 1] = idx[r - 1];
                s += x.v[x.offset(ix)] * y.v[y.offset(iy)];
            }
            out.v[o] = s;
        }
        return out.to(a.dtype());
    }

    /** {@code x w^T + b} for {@code x [n, in]}, {@code w [out, in]} and {@code b [out]} (null for none). */
    public static TensorData linear(TensorData x, TensorData w, TensorData b) {
        int n = x.shape().dim(0);
        int in = x.shape().dim(1);
        int out = w.shape().dim(0);
        double[] xv = x.toDoubles();
        double[] wv = w.toDoubles();
        double[] bv = b == null ? null : b.toDoubles();
        double[] y = new double[n * out];
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int j = 0; j < in; j++) {
                    s += xv[r * in + j] * wv[o * in + j];
                }
                y[r * out + o] = bv == null ? s : s + bv[o];
            }
        }
        return TensorData.fromDoubles(y, dev.burnj.tensor.Shape.of(n, out), x.dtype());
    }
}
