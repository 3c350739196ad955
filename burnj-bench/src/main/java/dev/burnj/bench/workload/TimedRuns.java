package dev.burnj.bench.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;

/** The warm-up-then-measure loop of the workloads whose timed run is one call: untimed warm-ups, then timed runs. */
final class TimedRuns {
    private TimedRuns() {}

    /**
     * Calls {@code warmUp} {@code warmUps} times, then {@code run} {@code runs} times, each measurement made by
     * {@code value} from the call's elapsed nanoseconds.
     */
    static List<Measurement> of(int warmUps, Runnable warmUp, int runs, Runnable run, LongToDoubleFunction value) {
        for (int i = 0; i < warmUps; i++) {
            warmUp.run();
        }
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            run.run();
            out.add(Measurement.of(value.applyAsDouble(System.nanoTime() - start)));
        }
        return out;
    }
}
