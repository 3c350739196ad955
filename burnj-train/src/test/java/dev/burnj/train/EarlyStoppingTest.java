package dev.burnj.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    /** The epoch after which {@code rule} first says stop on the scripted validation values, or -1. */
    static int stopEpoch(EarlyStopping rule, String metric, double... values) {
        MetricHistory history = MetricHistory.empty();
        for (int epoch = 0; epoch < values.length; epoch++) {
            history = history.with(new EpochMetrics(epoch, Split.VALID, Map.of(metric, values[epoch])));
            // a train entry must not disturb the validation monitor
            history = history.with(new EpochMetrics(epoch, Split.TRAIN, Map.of(metric, -1.0 * epoch)));
            if (rule.shouldStop(history).isPresent()) {
                return epoch;
            }
        }
        return -1;
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        EarlyStopping rule = EarlyStopping.monitor("loss", Goal.MINIMIZE).withPatience(2);
        // best at epoch 2 (0.5); epochs 3 and 4 do not improve -> stop after epoch 4
        assertEquals(4, stopEpoch(rule, "loss", 1.0, 0.8, 0.5, 0.6, 0.55, 0.1));
        assertEquals(-1, stopEpoch(rule, "loss", 1.0, 0.9, 0.8, 0.7));
    }

    @Test
    void minDeltaDecidesWhatCountsAsImprovement() {
        EarlyStopping rule = EarlyStopping.monitor("accuracy", Goal.MAXIMIZE).withPatience(2).withMinDelta(0.01);
        // 0.805 and 0.809 are within 0.01 of the best 0.80 -> no improvement -> stop after epoch 2
        assertEquals(2, stopEpoch(rule, "accuracy", 0.80, 0.805, 0.809, 0.9));
        assertEquals(-1, stopEpoch(rule.withMinDelta(0), "accuracy", 0.80, 0.805, 0.809, 0.9));
    }

    @Test
    void warmUpEpochsNeverStop() {
        EarlyStopping rule = EarlyStopping.monitor("loss", Goal.MINIMIZE).withPatience(1).withWarmupEpochs(4);
        // no improvement from epoch 1 on, but the first 4 epochs (0..3) are warm-up
        assertEquals(3, stopEpoch(rule, "loss", 1.0, 1.1, 1.2, 1.3, 1.4));
        assertEquals(1, stopEpoch(rule.withWarmupEpochs(0), "loss", 1.0, 1.1, 1.2, 1.3, 1.4));
    }

    @Test
    void nanNeverImprovesAndTheReasonNamesTheBest() {
        EarlyStopping rule = EarlyStopping.monitor("loss", Goal.MINIMIZE).withPatience(2);
        MetricHistory h = MetricHistory.empty();
        double[] values = {0.7, Double.NaN, Double.NaN};
        for (int e = 0; e < values.length; e++) {
            h = h.with(new EpochMetrics(e, Split.VALID, Map.of("loss", values[e])));
        }
        String reason = rule.shouldStop(h).orElseThrow();
        assertTrue(reason.contains("valid loss did not improve for 2 epochs (best 0.7 at epoch 0)"), reason);
        assertThrows(IllegalArgumentException.class, () -> rule.withPatience(0));
        assertThrows(IllegalArgumentException.class, () -> rule.withMinDelta(-1));
    }

    @Test
    void historyBestAndReplacement() {
        MetricHistory h = MetricHistory.empty()
                .with(new EpochMetrics(0, Split.VALID, Map.of("acc", 0.5)))
                .with(new EpochMetrics(1, Split.VALID, Map.of("acc", 0.7)))
                .with(new EpochMetrics(2, Split.VALID, Map.of("acc", 0.7)));
        assertEquals(1, h.best(Split.VALID, "acc", Goal.MAXIMIZE).orElseThrow().epoch());
        h = h.with(new EpochMetrics(2, Split.VALID, Map.of("acc", 0.9)));
        assertEquals(3, h.of(Split.VALID).size());
        assertEquals(2, h.best(Split.VALID, "acc", Goal.MAXIMIZE).orElseThrow().epoch());
    }
}
