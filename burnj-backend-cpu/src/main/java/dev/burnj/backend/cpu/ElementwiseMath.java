package dev.burnj.backend.cpu;

/**
 * Scalar functions the elementwise kernels need beyond {@link Math}: the error function and the logistic sigmoid to
 * double accuracy, and exp, tanh and sigmoid to float accuracy for F32 kernels, several times faster than
 * {@link Math#exp} (about 12 ns on the reference machine) and {@link Math#tanh} (about 35 ns).
 */
final class ElementwiseMath {
    private static final double LOG2_E = 1.4426950408889634;
    /** ln 2 split so that {@code k * LN2_HI} is exact for the |k| < 2^11 that occur. */
    private static final double LN2_HI = 0.6931471803691238;
    private static final double LN2_LO = 1.9082149292705877e-10;

    /** {@code erf(a) / a} as a polynomial in {@code a^2} on {@code [0, 1]} (Chebyshev fit, error below 3e-16). */
    private static final double[] ERF_SMALL = {
        1.1283791670955126, -0.37612638903183543, 0.11283791670945006, -0.02686617064323777, 0.0052239776071164225,
        -0.0008548325975389692, 0.00012055294904839707, -1.492473690741966e-05, 1.6447424703317362e-06,
        -1.6208483801871705e-07, 1.3720064546777686e-08, -7.795898827002142e-10,
    };
    /** {@code exp(a^2) erfc(a)} as a polynomial in {@code a - 1.75} on {@code [1, 2.5]}. */
    private static final double[] ERFCX_MID = {
        0.2849722347374364, -0.1309763455144821, 0.0557636300870865, -0.02225999524165483, 0.008404319207394291,
        -0.003020974644803341, 0.0010392045208187824, -0.00034353342725064023, 0.00010950530658864637,
        -3.375492008540358e-05, 1.0086576456492661e-05, -2.9293898567097817e-06, 8.274886764680256e-07,
        -2.2501983701420874e-07, 6.054678916872184e-08, -1.879448760275295e-08, 4.801487044012266e-09,
    };
    /** {@code exp(a^2) erfc(a)} as a polynomial in {@code a - 4.25} on {@code [2.5, 6]}. */
    private static final double[] ERFCX_TAIL = {
        0.12934527478598792, -0.028944331425601925, 0.0063318662757778825, -0.0013559330334988841,
        0.00028457513367105216, -5.859596855597159e-05, 1.1848174872921578e-05, -2.3538801570919225e-06,
        4.601352474456464e-07, -8.91191201621228e-08, 1.6878852368846692e-08, -2.9000242531344952e-09,
        5.364466509060528e-10, -1.5239850733684956e-10, 2.706849396482878e-11,
    };

    private ElementwiseMath() {}

    /**
     * The error function to about 2e-15 relative. Below 1 it is an odd polynomial; from 1 to 6 it is
     * {@code 1 - exp(-a^2) erfcx(a)} with {@code erfcx} (smooth and slowly varying) a polynomial per interval; from 6
     * on {@code erfc} is below half an ulp of 1.
     */
    static double erf(double x) {
        double a = Math.abs(x);
        double r;
        if (a < 1.0) {
            return x * horner(ERF_SMALL, a * a);
        } else if (a < 2.5) {
            r = 1.0 - Math.exp(-a * a) * horner(ERFCX_MID, a - 1.75);
        } else if (a < 6.0) {
            r = 1.0 - Math.exp(-a * a) * horner(ERFCX_TAIL, a - 4.25);
        } else if (a >= 6.0) {
            r = 1.0;
        } else {
            return x;
        }
        return Math.copySign(r, x);
    }

    private static double horner(double[] c, double t) {
        double r = c[c.length - 1];
        for (int i = c.length - 2; i >= 0; i--) {
            r = r * t + c[i];
        }
        return r;
    }

    /**
     * The logistic sigmoid {@code 1 / (1 + exp(-x))}, accurate on both sides: no difference is taken, and where
     * {@code exp(-x)} overflows the result (below 1e-308) rounds to the 0 returned. Branch-free, since a branch on the
     * sign of random data mispredicts half the time.
     */
    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /**
     * {@code exp(x)} to about 1e-8 relative, enough for a result rounded to float: {@code x = k ln2 + r} with
     * {@code |r| <= ln2 / 2}, a degree-7 Taylor polynomial for {@code e^r}, and {@code 2^k} assembled from its bits.
     * Beyond the float range it gives 0 or infinity; NaN stays NaN.
     */
    static double expForFloat(double x) {
        if (!(x < 88.8)) {
            return x > 0 ? Double.POSITIVE_INFINITY : x;
        }
        if (x < -104.0) {
            return 0.0;
        }
        double k = Math.rint(x * LOG2_E);
        double r = x - k * LN2_HI - k * LN2_LO;
        double p = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720 + r * (1.0 / 5040)))))));
        return p * Double.longBitsToDouble(((long) k + 1023) << 52);
    }

    /**
     * The input clamp of the rational tanh: past 8.5 the rational function exceeds 1, so with the result clamped to
     * [-1, 1] every input from there on gives exactly +-1 (the float tanh rounds to 1 from 7.9).
     */
    private static final float TANH_CLAMP = 9f;
    private static final float TP1 = 0.1346329301595688f;
    private static final float TP2 = 0.003594229929149151f;
    private static final float TP3 = 2.2285048544290476e-05f;
    private static final float TP4 = 1.5822736898485346e-08f;
    private static final float TQ1 = 0.467966228723526f;
    private static final float TQ2 = 0.02624969370663166f;
    private static final float TQ3 = 0.000344899162882939f;
    private static final float TQ4 = 8.752843996262527e-07f;

    /**
     * {@code tanh(x)} to float accuracy (relative error below 4e-7): {@code v P(v^2) / Q(v^2)} with {@code v} the
     * input clamped to +-9 and the result to +-1, coefficients from {@code tools/fit/tanh_rational.py}. Only float
     * arithmetic, min and max, with no branch, so a loop over arrays of it vectorises (0.3 ns an element here against
     * 3 ns for an exp-based formula); odd by construction, and NaN stays NaN.
     */
    static float tanhForFloat(float x) {
        float v = Math.max(Math.min(x, TANH_CLAMP), -TANH_CLAMP);
        float u = v * v;
        float p = (((TP4 * u + TP3) * u + TP2) * u + TP1) * u + 1f;
        float q = (((TQ4 * u + TQ3) * u + TQ2) * u + TQ1) * u + 1f;
        return Math.max(Math.min(v * p / q, 1f), -1f);
    }

    /** The logistic sigmoid to float accuracy, as {@link #sigmoid} with {@link #expForFloat}. */
    static float sigmoidForFloat(float x) {
        return (float) (1.0 / (1.0 + expForFloat(-x)));
    }
}
