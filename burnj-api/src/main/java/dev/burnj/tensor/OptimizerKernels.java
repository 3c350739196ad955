package dev.burnj.tensor;

import dev.burnj.backend.AdamCoefficients;
import dev.burnj.backend.AdamUpdate;
import dev.burnj.backend.TensorPrimitive;
import java.util.Objects;

/**
 * Fused optimizer updates on tensors ({@link dev.burnj.backend.OptimizerOps}): one backend kernel per parameter
 * instead of a dozen tensor ops. The optimizers of burnj-optim call these; the results carry no gradient history.
 */
public final class OptimizerKernels {
    private OptimizerKernels() {}

    /** The tensors after one Adam step: parameter, first and second moments, and AMSGrad's maximum (or null). */
    public record AdamTensors<T extends FloatTensor<T, ?, ?>>(T param, T expAvg, T expAvgSq, T maxExpAvgSq) {}

    /**
     * One Adam step ({@link dev.burnj.backend.OptimizerOps#adamStep}); {@code maxExpAvgSq} is null without AMSGrad.
     * All tensors must share the parameter's shape, dtype and device.
     *
     * <p>{@code param}, {@code expAvg}, {@code expAvgSq} and {@code maxExpAvgSq} are consumed: they are closed when
     * this returns, and the backend may have written the results into their memory (when nothing else referred to
     * it), so that an optimizer step needs no second copy of its state. {@code grad} stays open.
     */
    public static <T extends FloatTensor<T, ?, ?>> AdamTensors<T> adam(T param, T grad, T expAvg, T expAvgSq, T maxExpAvgSq,
            AdamCoefficients coefficients) {
        Objects.requireNonNull(coefficients, "coefficients");
        check("grad", param, grad);
        check("exp_avg", param, expAvg);
        check("exp_avg_sq", param, expAvgSq);
        if (maxExpAvgSq != null) {
            check("max_exp_avg_sq", param, maxExpAvgSq);
        }
        AdamUpdate u = param.device().backend().adamStep(param.primitive(), grad.primitive(), expAvg.primitive(), expAvgSq.primitive(),
                maxExpAvgSq == null ? null : maxExpAvgSq.primitive(), coefficients);
        TensorPrimitive max = u.maxExpAvgSq();
        param.close();
        expAvg.close();
        expAvgSq.close();
        if (maxExpAvgSq != null) {
            maxExpAvgSq.close();
        }
        return new AdamTensors<>(param.wrap(u.param()), param.wrap(u.expAvg()), param.wrap(u.expAvgSq()), max == null ? null : param.wrap(max));
    }

    private static void check(String name, FloatTensor<?, ?, ?> param, FloatTensor<?, ?, ?> other) {
        Objects.requireNonNull(other, name);
        if (!other.shape().equals(param.shape()) || other.dtype() != param.dtype() || !other.device().equals(param.device())) {
            throw new IllegalArgumentException("adam: " + name + " is " + other.shape() + " " + other.dtype() + " on " + other.device()
                    + ", expected the parameter's " + param.shape() + " " + param.dtype() + " on " + param.device());
        }
    }
}
