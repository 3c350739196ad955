package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.conformance.reference.ReferenceMath;
import org.junit.jupiter.api.Test;

/** The scalar functions of {@link ElementwiseMath} against accurate references on dense grids and at special values. */
class ElementwiseMathTest {
    @Test
    void erfIsAccurateToDoublePrecisionEverywhere() {
        double worst = 0;
        for (int i = -80000; i <= 80000; i++) {
            double x = i * 1e-4;
            double expected = ReferenceMath.erf(x);
            double error = Math.abs(ElementwiseMath.erf(x) - expected);
            worst = Math.max(worst, expected == 0 ? error : error / Math.abs(expected));
        }
        assertTrue(worst < 1e-14, "erf worst relative error " + worst);
        assertEquals(1e-9 * 2 / Math.sqrt(Math.PI), ElementwiseMath.erf(1e-9), 1e-24);
        assertEquals(-1.0, ElementwiseMath.erf(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, ElementwiseMath.erf(40));
        assertEquals(-0.0, ElementwiseMath.erf(-0.0));
        assertTrue(Double.isNaN(ElementwiseMath.erf(Double.NaN)));
    }

    @Test
    void expForFloatHasFloatAccuracyOverTheFloatRange() {
        double worst = 0;
        for (int i = -1030000; i <= 887000; i++) {
            double x = i * 1e-4;
            double expected = Math.exp(x);
            worst = Math.max(worst, Math.abs(ElementwiseMath.expForFloat(x) - expected) / expected);
        }
        assertTrue(worst < 2e-8, "exp worst relative error " + worst);
        assertEquals(Float.POSITIVE_INFINITY, (float) ElementwiseMath.expForFloat(89));
        assertEquals(Float.POSITIVE_INFINITY, (float) ElementwiseMath.expForFloat(Double.POSITIVE_INFINITY));
        assertEquals(0.0, ElementwiseMath.expForFloat(-105));
        assertEquals(0.0, ElementwiseMath.expForFloat(Double.NEGATIVE_INFINITY));
        assertEquals((float) Math.exp(-103), (float) ElementwiseMath.expForFloat(-103));
        assertTrue(Double.isNaN(ElementwiseMath.expForFloat(Double.NaN)));
    }

    @Test
    void tanhAndSigmoidForFloatMatchTheDoubleFunctions() {
        double worstTanh = 0;
        double worstSigmoid = 0;
        for (int i = -200000; i <= 200000; i++) {
            float x = i * 1e-4f;
            double tanh = Math.tanh(x);
            worstTanh = Math.max(worstTanh, Math.abs(ElementwiseMath.tanhForFloat(x) - tanh) / Math.max(Math.abs(tanh), 1e-30));
            double sigmoid = ElementwiseMath.sigmoid(x);
            worstSigmoid = Math.max(worstSigmoid, Math.abs(ElementwiseMath.sigmoidForFloat(x) - sigmoid) / sigmoid);
        }
        assertTrue(worstTanh < 4e-7, "tanh worst relative error " + worstTanh);
        assertTrue(worstSigmoid < 2e-7, "sigmoid worst relative error " + worstSigmoid);
        assertEquals(1e-9f, ElementwiseMath.tanhForFloat(1e-9f));
        assertEquals(-1f, ElementwiseMath.tanhForFloat(-30f));
        assertEquals(1f, ElementwiseMath.tanhForFloat(Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(ElementwiseMath.tanhForFloat(Float.NaN)));
        assertEquals(0f, ElementwiseMath.sigmoidForFloat(-200f));
        assertEquals(1f, ElementwiseMath.sigmoidForFloat(200f));
        assertTrue(Float.isNaN(ElementwiseMath.sigmoidForFloat(Float.NaN)));
        assertEquals(0.0, ElementwiseMath.sigmoid(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, ElementwiseMath.sigmoid(Double.POSITIVE_INFINITY));
    }
}
