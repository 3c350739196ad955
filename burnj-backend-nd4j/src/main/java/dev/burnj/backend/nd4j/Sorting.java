package dev.burnj.backend.nd4j;

import static dev.burnj.backend.nd4j.Tensors.arr;

import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;

/**
 * Stable sorting along one dimension. libnd4j's sort kernels are not stable and return no indices, so this runs a
 * merge sort on a host copy (the memory is host memory anyway on this CPU backend): one copy out, one copy back.
 * Order is PyTorch's: NaN sorts above every number, and {@code -0.0 == 0.0}.
 */
final class Sorting {
    private final Tensors tensors;

    Sorting(Tensors tensors) {
        this.tensors = tensors;
    }

    TensorPrimitive argsort(TensorPrimitive tensor, int dim, boolean descending) {
        Shape shape = tensor.shape();
        long[] indices = new long[shape.numelInt()];
        forEachLine(tensor, dim, descending, (line, base, stride, order) -> {
            for (int i = 0; i < order.length; i++) {
                indices[base + i * stride] = order[i];
            }
        });
        return tensors.wrap(HostTransfer.fromData(TensorData.of(indices, shape)));
    }

    TensorPrimitive sort(TensorPrimitive tensor, int dim, boolean descending) {
        Shape shape = tensor.shape();
        double[] sortedKeys = new double[shape.numelInt()];
        long[] sortedLongs = tensor.dtype().isInt() ? new long[sortedKeys.length] : null;
        TensorData data = HostTransfer.toData(arr(tensor), tensor.dtype());
        double[] values = tensor.dtype().isInt() ? null : data.toDoubles();
        long[] longs = tensor.dtype().isInt() ? data.toLongs() : null;
        forEachLine(data, dim, descending, (line, base, stride, order) -> {
            for (int i = 0; i < order.length; i++) {
                int from = base + order[i] * stride;
                int to = base + i * stride;
                if (longs != null) {
                    sortedLongs[to] = longs[from];
                } else {
                    sortedKeys[to] = values[from];
                }
            }
        });
        TensorData out = longs != null ? TensorData.of(sortedLongs, shape) : TensorData.fromDoubles(sortedKeys, shape, DType.F64);
        return tensors.wrap(HostTransfer.fromData(out.convert(tensor.dtype())));
    }

    /** Receives the stable order of one line: element {@code i} of the line sits at {@code base + i * stride}. */
    @FunctionalInterface
    private interface LineSink {
        void accept(int line, int base, int stride, int[] order);
    }

    private void forEachLine(TensorPrimitive tensor, int dim, boolean descending, LineSink sink) {
        forEachLine(HostTransfer.toData(arr(tensor), tensor.dtype()), dim, descending, sink);
    }

    private static void forEachLine(TensorData data, int dim, boolean descending, LineSink sink) {
        Shape shape = data.shape();
        int length = shape.dim(dim);
        int stride = (int) shape.strides()[dim];
        int outer = length == 0 ? 0 : shape.numelInt() / (length * stride);
        Comparator cmp = comparator(data, descending);
        int[] order = new int[length];
        int[] scratch = new int[length];
        for (int o = 0; o < outer; o++) {
            for (int s = 0; s < stride; s++) {
                int base = o * length * stride + s;
                for (int i = 0; i < length; i++) {
                    order[i] = i;
                }
                mergeSort(order, scratch, 0, length, (a, b) -> cmp.compare(base + a * stride, base + b * stride));
                sink.accept(o * stride + s, base, stride, order);
            }
        }
    }

    /** Compares two flat element positions. */
    @FunctionalInterface
    private interface Comparator {
        int compare(int a, int b);
    }

    private static Comparator comparator(TensorData data, boolean descending) {
        int sign = descending ? -1 : 1;
        if (data.dtype().isInt()) {
            long[] v = data.toLongs();
            return (a, b) -> sign * Long.compare(v[a], v[b]);
        }
        double[] v = data.toDoubles();
        return (a, b) -> sign * compareTotal(v[a], v[b]);
    }

    /** Numeric order with NaN greatest and all NaNs (and both zeros) equal, so ties keep their order. */
    private static int compareTotal(double a, double b) {
        if (a < b) {
            return -1;
        }
        if (a > b) {
            return 1;
        }
        boolean na = Double.isNaN(a);
        boolean nb = Double.isNaN(b);
        return na == nb ? 0 : na ? 1 : -1;
    }

    /** Top-down merge sort of {@code order[from, to)}: stable, unlike the native kernels. */
    private static void mergeSort(int[] order, int[] scratch, int from, int to, Comparator cmp) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(order, scratch, from, mid, cmp);
        mergeSort(order, scratch, mid, to, cmp);
        if (cmp.compare(order[mid - 1], order[mid]) <= 0) {
            return;
        }
        System.arraycopy(order, from, scratch, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && cmp.compare(scratch[i], scratch[j]) <= 0)) {
                order[k] = scratch[i++];
            } else {
                order[k] = scratch[j++];
            }
        }
    }
}
