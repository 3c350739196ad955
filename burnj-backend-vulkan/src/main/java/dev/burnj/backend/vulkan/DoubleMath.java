package dev.burnj.backend.vulkan;

/**
 * GLSL has double-precision arithmetic, {@code sqrt}, {@code floor}, {@code frexp} and {@code ldexp}, but no double
 * {@code exp}, {@code log}, {@code sin}, {@code cos} or {@code tanh}. These are the F64 versions the kernels call,
 * accurate to a few ulps on the ranges tensors see: Cody–Waite range reduction by ln 2 or pi/2 followed by
 * Taylor polynomials (coefficients computed here in Java and printed as exact literals), the atanh series for
 * {@code log} on [sqrt(1/2), sqrt(2)), and for {@code erf} its Maclaurin series below 2.5 and the continued fraction
 * of {@code erfc} above.
 */
final class DoubleMath {
    private DoubleMath() {}

    /** The helper library, generated once. */
    static final String LIBRARY = library();

    private static String lit(double v) {
        return Double.toString(v).replace("E", "e") + "lf";
    }

    /** Horner evaluation of {@code sum c[i] * z^i} as a GLSL expression. */
    private static String horner(double[] c, String z) {
        StringBuilder s = new StringBuilder(lit(c[c.length - 1]));
        for (int i = c.length - 2; i >= 0; i--) {
            s.insert(0, lit(c[i]) + " + " + z + " * (").append(")");
        }
        return s.toString();
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    private static String library() {
        // exp(r) = sum r^n / n! for |r| <= ln2/2: the r^14 term is below 5e-18.
        double[] exp = new double[14];
        for (int n = 0; n < exp.length; n++) {
            exp[n] = 1 / factorial(n);
        }
        // expm1(x) = x * sum x^n / (n+1)! for |x| < 0.35.
        double[] expm1 = new double[16];
        for (int n = 0; n < expm1.length; n++) {
            expm1[n] = 1 / factorial(n + 1);
        }
        // log(m) = 2 s sum s^(2k) / (2k+1), s = (m-1)/(m+1) <= 0.1716.
        double[] log = new double[12];
        for (int k = 0; k < log.length; k++) {
            log[k] = 1.0 / (2 * k + 1);
        }
        // sin(r) = r sum (-1)^k r^(2k) / (2k+1)!, cos(r) = sum (-1)^k r^(2k) / (2k)! for |r| <= pi/4.
        double[] sin = new double[11];
        double[] cos = new double[11];
        for (int k = 0; k < sin.length; k++) {
            sin[k] = (k % 2 == 0 ? 1 : -1) / factorial(2 * k + 1);
            cos[k] = (k % 2 == 0 ? 1 : -1) / factorial(2 * k);
        }
        return """
                const double D_LN2_HI = 6.93147180369123816490e-01lf;
                const double D_LN2_LO = 1.90821492927058770002e-10lf;
                const double D_PIO2_1 = 1.57079632673412561417e+00lf;
                const double D_PIO2_2 = 6.07710050650619224932e-11lf;
                const double D_PIO2_3 = 2.02226624879595063154e-21lf;
                double d_inf() { return double(uintBitsToFloat(0x7f800000u)); }
                double d_nan() { return double(uintBitsToFloat(0x7fc00000u)); }
                double b_exp(double x) {
                  if (isnan(x)) return x;
                  if (x > 709.782712893384lf) return d_inf();
                  if (x < -745.1332191019412lf) return 0.0lf;
                  double k = roundEven(x * 1.4426950408889634lf);
                  double r = (x - k * D_LN2_HI) - k * D_LN2_LO;
                  double s = EXP;
                  int e = int(k);
                  // Two steps keep ldexp's exponent in range near overflow and underflow.
                  return ldexp(ldexp(s, e / 2), e - e / 2);
                }
                double b_expm1(double x) {
                  if (abs(x) < 0.35lf) return x * (EXPM1);
                  return b_exp(x) - 1.0lf;
                }
                double b_log(double x) {
                  if (isnan(x) || x < 0.0lf) return d_nan();
                  if (x == 0.0lf) return -d_inf();
                  if (isinf(x)) return x;
                  int e;
                  double m = frexp(x, e);
                  if (m < 0.7071067811865476lf) { m *= 2.0lf; e -= 1; }
                  double s = (m - 1.0lf) / (m + 1.0lf);
                  double z = s * s;
                  double de = double(e);
                  return de * D_LN2_HI + (2.0lf * s * (LOG) + de * D_LN2_LO);
                }
                double b_log1p(double x) { double u = 1.0lf + x; return u == 1.0lf ? x : b_log(u) * (x / (u - 1.0lf)); }
                double d_sin_poly(double r) { double z = r * r; return r * (SIN); }
                double d_cos_poly(double r) { double z = r * r; return COS; }
                double d_trig(double x, int shift) {
                  if (isinf(x) || isnan(x)) return d_nan();
                  double k = roundEven(x * 0.6366197723675814lf);
                  double r = ((x - k * D_PIO2_1) - k * D_PIO2_2) - k * D_PIO2_3;
                  int q = (int(mod(k, 4.0lf)) + shift) & 3;
                  if (q == 0) return d_sin_poly(r);
                  if (q == 1) return d_cos_poly(r);
                  if (q == 2) return -d_sin_poly(r);
                  return -d_cos_poly(r);
                }
                double b_sin(double x) { return d_trig(x, 0); }
                double b_cos(double x) { return d_trig(x, 1); }
                double b_tanh(double x) {
                  double ax = abs(x);
                  if (ax > 20.0lf) return x < 0.0lf ? -1.0lf : 1.0lf;
                  double e = b_expm1(2.0lf * ax);
                  double t = e / (e + 2.0lf);
                  return x < 0.0lf ? -t : t;
                }
                double b_erf(double x) {
                  double ax = abs(x);
                  if (ax < 2.5lf) {
                    double z = x * x;
                    double term = x;
                    double sum = x;
                    for (int n = 1; n < 80; n++) {
                      term *= -z / double(n);
                      double add = term / double(2 * n + 1);
                      sum += add;
                      if (abs(add) < 1e-17lf * abs(sum)) break;
                    }
                    return 1.1283791670955126lf * sum;
                  }
                  if (ax > 6.5lf) return x < 0.0lf ? -1.0lf : 1.0lf;
                  double f = ax;
                  for (int k = 60; k >= 1; k--) f = ax + (double(k) * 0.5lf) / f;
                  double erfc = b_exp(-ax * ax) * 0.5641895835477563lf / f;
                  return x < 0.0lf ? erfc - 1.0lf : 1.0lf - erfc;
                }
                double b_pow(double x, double y) {
                  if (y == 0.0lf) return 1.0lf;
                  if (y == 1.0lf) return x;
                  if (y == 2.0lf) return x * x;
                  if (y == 3.0lf) return x * x * x;
                  if (y == -1.0lf) return 1.0lf / x;
                  if (y == 0.5lf) return sqrt(x);
                  if (x == 0.0lf) return y < 0.0lf ? d_inf() : 0.0lf;
                  if (x < 0.0lf) {
                    if (floor(y) != y) return d_nan();
                    double r = b_exp(y * b_log(-x));
                    return mod(y, 2.0lf) == 1.0lf ? -r : r;
                  }
                  return b_exp(y * b_log(x));
                }
                """.replace("EXPM1", horner(expm1, "x")).replace("EXP", horner(exp, "r")).replace("LOG", horner(log, "z"))
                .replace("SIN", horner(sin, "z")).replace("COS", horner(cos, "z"));
    }
}
