package dev.burnj.train.metric;

import dev.burnj.tensor.IntTensor1;
import dev.burnj.tensor.Tensor2;

/** A step output with class scores {@code [batch, classes]} (logits or probabilities) and target class indices {@code [batch]}. */
public interface ClassificationInput {
    Tensor2 scores();

    IntTensor1 targets();
}
