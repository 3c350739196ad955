package dev.burnj.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One finished training batch, as callbacks and loggers see it.
 *
 * @param epoch the epoch, from 0
 * @param batch the batch index within the epoch, from 0
 * @param batches the number of batches this epoch will run
 * @param step the global optimizer step after this batch (unchanged by a batch that only accumulated gradients)
 * @param items the number of items in the batch
 * @param learningRate the learning rate of the optimizer's first group after this batch
 * @param values this batch's metric values by name
 */
public record StepEvent(int epoch, int batch, int batches, long step, int items, double learningRate, Map<String, Double> values) {
    public StepEvent {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
