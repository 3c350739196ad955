package dev.burnj.train.metric;

import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorScope;
import dev.burnj.train.Goal;

/** The mean absolute difference between predictions and targets over all outputs ({@code "mae"}). */
public final class MeanAbsoluteErrorMetric extends MeanMetric<RegressionInput> {
    private MeanAbsoluteErrorMetric() {}

    public static MeanAbsoluteErrorMetric of() {
        return new MeanAbsoluteErrorMetric();
    }

    @Override
    protected double batchValue(RegressionInput input, MetricContext context) {
        if (!input.predictions().shape().equals(input.targets().shape())) {
            throw new IllegalArgumentException("mae: predictions " + input.predictions().shape() + " and targets " + input.targets().shape()
                    + " differ in shape");
        }
        try (TensorScope scope = TensorScope.open()) {
            Tensor1 mean = input.predictions().sub(input.targets()).abs().mean();
            return mean.item();
        }
    }

    @Override
    public String name() {
        return "mae";
    }

    @Override
    public Goal goal() {
        return Goal.MINIMIZE;
    }
}
