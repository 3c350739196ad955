package dev.burnj.train.checkpoint;

import dev.burnj.nn.BatchNorm1d;
import dev.burnj.nn.BatchNormConfig;
import dev.burnj.nn.Linear;
import dev.burnj.nn.LinearConfig;
import dev.burnj.nn.Module;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;

/** A small model with parameters and buffers, for checkpoint tests. */
final class TinyNet extends Module {
    final Linear fc1;
    final BatchNorm1d norm;
    final Linear fc2;

    TinyNet(TensorOptions options, int width) {
        fc1 = LinearConfig.of(4, width).init(options);
        norm = BatchNormConfig.of(width).init1d(options);
        fc2 = LinearConfig.of(width, 3).init(options);
    }

    Tensor2 forward(Tensor2 x) {
        try (TensorScope scope = TensorScope.open()) {
            return scope.keep(fc2.forward(norm.forward(fc1.forward(x)).relu()));
        }
    }

    /** Every state tensor's values, in name order, for comparisons. */
    double[][] snapshot() {
        return namedState().values().stream().map(s -> s.value().toDoubleArray()).toArray(double[][]::new);
    }
}
