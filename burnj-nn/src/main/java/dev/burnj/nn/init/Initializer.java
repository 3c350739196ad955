package dev.burnj.nn.init;

import dev.burnj.backend.Distribution;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorData;
import dev.burnj.tensor.TensorOptions;
import java.util.Objects;

/**
 * How to fill a new parameter tensor (PyTorch's {@code torch.nn.init}). An immutable value: build one with a static
 * factory, then call {@link #init} with the shape, the tensor class (a {@link Rank} witness) and the options whose
 * device, dtype and generator it uses.
 *
 * <pre>{@code Tensor2 w = Initializer.xavierUniform(1.0).init(Shape.of(10, 784), Rank.R2, TensorOptions.on(device));}</pre>
 */
public final class Initializer {
    private enum Kind {
        CONSTANT, UNIFORM, NORMAL, KAIMING_UNIFORM, KAIMING_NORMAL, XAVIER_UNIFORM, XAVIER_NORMAL, ORTHOGONAL
    }

    private final Kind kind;
    /** constant: value; uniform: low; normal: mean. */
    private final double a;
    /** uniform: high; normal: std; Kaiming, Xavier and orthogonal: the gain. */
    private final double b;
    private final FanMode mode;

    private Initializer(Kind kind, double a, double b, FanMode mode) {
        this.kind = kind;
        this.a = a;
        this.b = b;
        this.mode = mode;
    }

    /** Every element {@code value}. */
    public static Initializer constant(double value) {
        return new Initializer(Kind.CONSTANT, value, 0, null);
    }

    public static Initializer zeros() {
        return constant(0);
    }

    public static Initializer ones() {
        return constant(1);
    }

    /** Uniform on {@code [low, high)}. */
    public static Initializer uniform(double low, double high) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("uniform: low " + low + " must not exceed high " + high);
        }
        return new Initializer(Kind.UNIFORM, low, high, null);
    }

    public static Initializer normal(double mean, double std) {
        requireNonNegative("normal", "std", std);
        return new Initializer(Kind.NORMAL, mean, std, null);
    }

    /** Uniform on {@code ±gain·sqrt(3 / fan)} (He et al.), gain from {@code nonlinearity} with {@code negativeSlope}. */
    public static Initializer kaimingUniform(FanMode mode, Nonlinearity nonlinearity, double negativeSlope) {
        return new Initializer(Kind.KAIMING_UNIFORM, 0, nonlinearity.gain(negativeSlope), Objects.requireNonNull(mode));
    }

    /** PyTorch's defaults: fan-in, leaky ReLU with slope 0 (that is, the ReLU gain √2). */
    public static Initializer kaimingUniform() {
        return kaimingUniform(FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, 0);
    }

    /** Normal with mean 0 and std {@code gain / sqrt(fan)}. */
    public static Initializer kaimingNormal(FanMode mode, Nonlinearity nonlinearity, double negativeSlope) {
        return new Initializer(Kind.KAIMING_NORMAL, 0, nonlinearity.gain(negativeSlope), Objects.requireNonNull(mode));
    }

    /** PyTorch's defaults: fan-in, leaky ReLU with slope 0. */
    public static Initializer kaimingNormal() {
        return kaimingNormal(FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, 0);
    }

    /** Uniform on {@code ±gain·sqrt(6 / (fan_in + fan_out))} (Glorot and Bengio). */
    public static Initializer xavierUniform(double gain) {
        requireNonNegative("xavierUniform", "gain", gain);
        return new Initializer(Kind.XAVIER_UNIFORM, 0, gain, null);
    }

    /** Normal with mean 0 and std {@code gain·sqrt(2 / (fan_in + fan_out))}. */
    public static Initializer xavierNormal(double gain) {
        requireNonNegative("xavierNormal", "gain", gain);
        return new Initializer(Kind.XAVIER_NORMAL, 0, gain, null);
    }

    /**
     * A (semi-)orthogonal matrix times {@code gain}, viewing the weight as {@code [size(0), numel / size(0)]} (Saxe et
     * al.). Rows are orthonormal when there are fewer rows than columns, columns otherwise.
     */
    public static Initializer orthogonal(double gain) {
        return new Initializer(Kind.ORTHOGONAL, 0, gain, null);
    }

    /** A new tensor of {@code shape} and the class of {@code rank}, on the options' device, dtype and generator. */
    public <F extends FloatTensor<F, ?, ?>> F init(Shape shape, Rank<F, ?, ?> rank, TensorOptions options) {
        if (shape.rank() != rank.rank()) {
            throw new IllegalArgumentException("Initializer " + this + ": shape " + shape + " for a rank-" + rank.rank() + " tensor");
        }
        if (kind == Kind.ORTHOGONAL) {
            return orthogonalTensor(shape, rank, options);
        }
        // Values are drawn flat and reshaped, so one code path serves every rank; the flat tensor is a temporary.
        try (Tensor1 flat = flat(shape, options)) {
            return flat.reshape(shape, rank);
        }
    }

    private Tensor1 flat(Shape shape, TensorOptions options) {
        Shape n = Shape.of(shape.numelInt());
        return switch (kind) {
            case CONSTANT -> Tensor1.full(n, a, options);
            case UNIFORM -> Tensor1.random(n, new Distribution.Uniform(a, b), options);
            case NORMAL -> Tensor1.random(n, new Distribution.Normal(a, b), options);
            case KAIMING_UNIFORM -> symmetricUniform(n, Math.sqrt(3.0) * b / Math.sqrt(Fans.fan(shape, mode)), options);
            case KAIMING_NORMAL -> Tensor1.random(n, new Distribution.Normal(0, b / Math.sqrt(Fans.fan(shape, mode))), options);
            case XAVIER_UNIFORM -> symmetricUniform(n, Math.sqrt(3.0) * xavierStd(shape), options);
            case XAVIER_NORMAL -> Tensor1.random(n, new Distribution.Normal(0, xavierStd(shape)), options);
            case ORTHOGONAL -> throw new IllegalStateException("orthogonal is not drawn flat");
        };
    }

    private double xavierStd(Shape shape) {
        return b * Math.sqrt(2.0 / (Fans.fanIn(shape) + Fans.fanOut(shape)));
    }

    private static Tensor1 symmetricUniform(Shape n, double bound, TensorOptions options) {
        return Tensor1.random(n, new Distribution.Uniform(-bound, bound), options);
    }

    /**
     * Orthogonalises a normal sample by modified Gram-Schmidt on the host in double precision: the matrices are
     * parameter-sized and made once, so the host is fast enough, and doing it there needs no QR op in the backend SPI
     * and gives the same result on every backend. Gram-Schmidt yields the QR factor with a positive diagonal of R,
     * which is what PyTorch gets by multiplying Q by the signs of that diagonal.
     */
    private <F extends FloatTensor<F, ?, ?>> F orthogonalTensor(Shape shape, Rank<F, ?, ?> rank, TensorOptions options) {
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("orthogonal: needs a weight of rank 2 or more, got " + shape);
        }
        int rows = shape.dim(0);
        int cols = shape.numelInt() / Math.max(rows, 1);
        double[] sample;
        try (Tensor1 normal = Tensor1.random(Shape.of(rows * cols), new Distribution.Normal(0, 1), options.withDType(DType.F64))) {
            sample = normal.toDoubleArray();
        }
        boolean wide = rows < cols;
        // Orthonormalise the columns of the tall view: [rows, cols] itself, or its transpose when wide.
        int m = wide ? cols : rows;
        int n = wide ? rows : cols;
        double[][] columns = new double[n][m];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = sample[r * cols + c];
                if (wide) {
                    columns[r][c] = v;
                } else {
                    columns[c][r] = v;
                }
            }
        }
        gramSchmidt(columns);
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = b * (wide ? columns[r][c] : columns[c][r]);
            }
        }
        TensorData data = TensorData.fromDoubles(out, Shape.of(out.length), options.dtype(dev.burnj.tensor.Kind.FLOAT));
        try (Tensor1 flat = Tensor1.from(data, options.device())) {
            return flat.reshape(shape, rank);
        }
    }

    private static void gramSchmidt(double[][] columns) {
        for (int j = 0; j < columns.length; j++) {
            double[] v = columns[j];
            for (int k = 0; k < j; k++) {
                double[] q = columns[k];
                double dot = 0;
                for (int i = 0; i < v.length; i++) {
                    dot += q[i] * v[i];
                }
                for (int i = 0; i < v.length; i++) {
                    v[i] -= dot * q[i];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                throw new IllegalStateException("orthogonal: the normal sample was rank deficient");
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
    }

    private static void requireNonNegative(String op, String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(op + ": " + name + " must be >= 0, got " + value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Initializer i && kind == i.kind && Double.compare(a, i.a) == 0 && Double.compare(b, i.b) == 0 && mode == i.mode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, a, b, mode);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CONSTANT -> "constant(" + a + ")";
            case UNIFORM -> "uniform(" + a + ", " + b + ")";
            case NORMAL -> "normal(" + a + ", " + b + ")";
            case KAIMING_UNIFORM, KAIMING_NORMAL -> kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + mode + ", gain " + b + ")";
            case XAVIER_UNIFORM, XAVIER_NORMAL, ORTHOGONAL -> kind.name().toLowerCase(java.util.Locale.ROOT) + "(gain " + b + ")";
        };
    }
}
