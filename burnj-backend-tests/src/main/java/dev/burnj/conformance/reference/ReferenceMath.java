package dev.burnj.conformance.reference;

/** Scalar functions the reference needs beyond {@link Math}, written for accuracy rather than speed. */
public final class ReferenceMath {
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    private ReferenceMath() {}

    /**
     * The error function to about 1e-15 relative. For {@code |x| < 3} it sums the series
     * {@code erf x = 2/sqrt(pi) e^(-x^2) sum 2^n x^(2n+1) / (2n+1)!!}, whose terms are all positive so nothing
     * cancels; beyond, {@code erf = 1 - erfc} with erfc from its continued fraction, which converges fast there
     * and whose value (below 2.3e-5) makes any error in it negligible relative to 1.
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        double r;
        if (a < 3.0) {
            double term = a;
            double sum = a;
            double x2 = a * a;
            for (int n = 1; n < 200 && term > sum * 1e-18; n++) {
                term *= 2.0 * x2 / (2 * n + 1);
                sum += term;
            }
            r = TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
        } else {
            r = 1.0 - erfcLarge(a);
        }
        return x < 0 ? -r : r;
    }

    /**
     * erfc for {@code x >= 3} from {@code erfc x = e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))},
     * evaluated from the tail.
     */
    private static double erfcLarge(double x) {
        double f = x;
        for (int n = 120; n >= 1; n--) {
            f = x + (n / 2.0) / f;
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }

    /** Logistic sigmoid without overflow for large {@code |x|}. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** Exact GELU, {@code x (1 + erf(x / sqrt 2)) / 2}. */
    public static double gelu(double x) {
        return 0.5 * x * (1.0 + erf(x / Math.sqrt(2.0)));
    }

    /** GELU with the tanh approximation. */
    public static double geluTanh(double x) {
        return 0.5 * x * (1.0 + Math.tanh(Math.sqrt(2.0 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    /** {@code log(1 + exp(beta x)) / beta}, stable for large {@code |beta x|}. */
    public static double softplus(double x, double beta) {
        double bx = beta * x;
        return (Math.max(bx, 0.0) + Math.log1p(Math.exp(-Math.abs(bx)))) / beta;
    }

    /** Floor division of integer-valued doubles, as PyTorch's {@code floor_divide}. */
    public static double floorDiv(double a, double b) {
        return Math.floor(a / b);
    }

    /** Floor modulo: the result takes the divisor's sign. */
    public static double floorMod(double a, double b) {
        return a - Math.floor(a / b) * b;
    }

    /** Float-to-int conversion: truncation toward zero. */
    public static double truncate(double x) {
        return x < 0 ? Math.ceil(x) : Math.floor(x);
    }
}
