package dev.burnj.cli;

import dev.burnj.train.checkpoint.Checkpoint;
import dev.burnj.train.checkpoint.Checkpointer;
import dev.burnj.train.checkpoint.InvalidCheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves a CHECKPOINT argument: a checkpoint directory, or a run's output directory (its newest checkpoint). */
final class CheckpointArgument {
    private CheckpointArgument() {}

    static Checkpoint open(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            throw new IOException("no checkpoint at " + path + ": no such directory");
        }
        try {
            return Checkpoint.open(path);
        } catch (InvalidCheckpointException e) {
            Path runCheckpoints = path.resolve("checkpoints");
            if (Files.isDirectory(runCheckpoints)) {
                return Checkpointer.in(runCheckpoints).latest().orElseThrow(
                        () -> new IOException("no complete checkpoint in " + runCheckpoints));
            }
            throw e;
        }
    }

    /** The run's output directory of {@code checkpoint} ({@code out/checkpoints/<name>}), where {@code run.json} is. */
    static Path runDirectory(Checkpoint checkpoint) {
        Path parent = checkpoint.directory().getParent();
        return parent != null && parent.getParent() != null ? parent.getParent() : checkpoint.directory();
    }
}
