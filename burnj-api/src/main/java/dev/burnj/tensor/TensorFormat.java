package dev.burnj.tensor;

import dev.burnj.backend.TensorPrimitive;

/**
 * The text form of a tensor: a header with class, shape, dtype and device, then the values nested by dimension.
 * Large tensors show only their leading values (fetched by slicing, so a huge tensor is never copied whole).
 */
final class TensorFormat {
    /** Tensors up to this many elements print in full. */
    private static final int FULL_LIMIT = 1000;
    /** Leading elements shown per dimension for larger tensors. */
    private static final int EDGE = 6;

    private TensorFormat() {}

    static String format(String name, BaseTensor<?, ?, ?, ?> tensor) {
        Shape shape = tensor.shape();
        StringBuilder sb = new StringBuilder();
        sb.append(name).append("[shape=").append(shape).append(", dtype=").append(tensor.dtype()).append(", device=")
                .append(tensor.device()).append("]\n");
        boolean truncated = shape.numel() > FULL_LIMIT;
        TensorData data;
        if (truncated) {
            Slice[] head = new Slice[shape.rank()];
            for (int i = 0; i < head.length; i++) {
                head[i] = Slice.range(0, Math.min(EDGE, shape.dim(i)));
            }
            TensorPrimitive p = tensor.backend().slice(tensor.primitive(), head);
            try {
                data = tensor.backend().toData(p);
            } finally {
                p.release();
            }
        } else {
            data = tensor.toData();
        }
        appendLevel(sb, data, shape, 0, 0, truncated);
        return sb.toString();
    }

    private static void appendLevel(StringBuilder sb, TensorData data, Shape full, int dim, int offset, boolean truncated) {
        Shape shown = data.shape();
        int n = shown.dim(dim);
        long stride = shown.strides()[dim];
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(dim == shown.rank() - 1 ? ", " : ",\n" + " ".repeat(dim + 1));
            }
            int at = offset + (int) (i * stride);
            if (dim == shown.rank() - 1) {
                sb.append(element(data, at));
            } else {
                appendLevel(sb, data, full, dim + 1, at, truncated);
            }
        }
        if (truncated && n < full.dim(dim)) {
            sb.append(dim == shown.rank() - 1 ? ", ..." : ",\n" + " ".repeat(dim + 1) + "...");
        }
        sb.append(']');
    }

    private static String element(TensorData data, int i) {
        return switch (data.dtype().kind()) {
            case FLOAT -> String.format(java.util.Locale.ROOT, "%.4f", data.getDouble(i));
            case INT -> Long.toString((long) data.getDouble(i));
            case BOOL -> data.getDouble(i) != 0 ? "true" : "false";
        };
    }
}
