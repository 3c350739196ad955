package dev.burnj.backend;

/**
 * The element-wise Adam update of {@link OptimizerOps#adamStep} over Java arrays, for backends that stream a
 * parameter's operands through heap chunks (C2 vectorises loops over arrays, not over native memory). It rounds
 * exactly as the composed default: every operation rounds to the dtype in the formula's order, each scalar is first
 * rounded to the dtype, and Java evaluates float expressions in float without fusing.
 *
 * <p>The F32 and F64 versions are one formula twice: Java has no generics over primitives, and one double loop would
 * need a conversion at every operation to round as the F32 ops do.
 */
public final class AdamArrays {
    private AdamArrays() {}

    /**
     * Updates the first {@code n} elements in place: {@code m} and {@code v} become the new moments, {@code max} (null
     * without AMSGrad) the new maximum, and {@code p} the new parameter; {@code g} is only read.
     */
    public static void updateF32(float[] p, float[] g, float[] m, float[] v, float[] max, int n, AdamCoefficients c) {
        float beta1 = (float) c.beta1();
        float keep1 = (float) (1 - c.beta1());
        float beta2 = (float) c.beta2();
        float keep2 = (float) (1 - c.beta2());
        float correction = (float) c.biasCorrection2Sqrt();
        float eps = (float) c.eps();
        float stepSize = (float) c.stepSize();
        // Three plain loops over a chunk rather than one with a branch on AMSGrad inside: each is a simple counted
        // loop for C2's vectoriser, and the extra passes stay in L1.
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            m[i] = m[i] * beta1 + gi * keep1;
            v[i] = v[i] * beta2 + (gi * gi) * keep2;
        }
        if (max != null) {
            for (int i = 0; i < n; i++) {
                max[i] = Math.max(max[i], v[i]);
            }
        }
        float[] d = max != null ? max : v;
        for (int i = 0; i < n; i++) {
            p[i] = p[i] - m[i] / ((float) Math.sqrt(d[i]) / correction + eps) * stepSize;
        }
    }

    /** {@link #updateF32} in double precision. */
    public static void updateF64(double[] p, double[] g, double[] m, double[] v, double[] max, int n, AdamCoefficients c) {
        double beta1 = c.beta1();
        double keep1 = 1 - c.beta1();
        double beta2 = c.beta2();
        double keep2 = 1 - c.beta2();
        double correction = c.biasCorrection2Sqrt();
        double eps = c.eps();
        double stepSize = c.stepSize();
        for (int i = 0; i < n; i++) {
            double gi = g[i];
            m[i] = m[i] * beta1 + gi * keep1;
            v[i] = v[i] * beta2 + (gi * gi) * keep2;
        }
        if (max != null) {
            for (int i = 0; i < n; i++) {
                max[i] = Math.max(max[i], v[i]);
            }
        }
        double[] d = max != null ? max : v;
        for (int i = 0; i < n; i++) {
            p[i] = p[i] - m[i] / (Math.sqrt(d[i]) / correction + eps) * stepSize;
        }
    }
}
