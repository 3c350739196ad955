package dev.burnj.train.checkpoint;

import dev.burnj.nn.Module;
import dev.burnj.nn.Param;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child JVM of {@link KillDuringSaveTest}: resumes from the newest checkpoint in its directory and saves new ones
 * back to back until it is killed. Every state value of step {@code s} is a function of {@code s}, so the parent can
 * tell a complete checkpoint from a torn one.
 */
public final class KillDuringSaveChild {
    static final int ROWS = 512, COLS = 512;

    /** A 1 MiB weight, a bias and a JSON part: enough data that a kill often lands mid-write. */
    static final class Model extends Module {
        final Param<Tensor2> weight;
        final Param<Tensor1> bias;

        Model(TensorOptions options, long step) {
            weight = Param.of(Tensor2.full(Shape.of(ROWS, COLS), value(step), options));
            bias = Param.of(Tensor1.full(Shape.of(COLS), -value(step), options));
        }
    }

    static double value(long step) {
        return step * 0.5 + 1;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Checkpointer checkpointer = Checkpointer.in(dir).withRetention(RetentionPolicy.keepLast(3));
        long step = checkpointer.latest().map(Checkpoint::step).orElse(0L);
        TensorOptions options = TensorOptions.on(Device.of("nd4j")).withDType(DType.F32);
        while (true) {
            step++;
            try (Model model = new Model(options, step)) {
                checkpointer.save(CheckpointContents.at(step, 0).withModule("model", model).withJson("progress", Map.of("step", step)));
            }
            System.out.println("saved " + step);
            System.out.flush();
        }
    }
}
