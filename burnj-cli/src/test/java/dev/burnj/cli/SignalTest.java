package dev.burnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.train.checkpoint.Checkpoint;
import dev.burnj.train.checkpoint.Checkpointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGINT during {@code burnj train} in a child JVM: a clean stop with a checkpoint, resume, and abort on a second signal. */
class SignalTest {
    private static final Pattern STEP_LINE = Pattern.compile("epoch \\d+/\\d+ \\[\\d+/\\d+] step \\d+ .*");

    @TempDir
    Path dir;

    @Test
    void sigintFinishesTheStepWritesACheckpointAndResumeContinues() throws Exception {
        Path out = dir.resolve("run");
        try (ChildCli child = ChildCli.start("train", "synthetic", "--out", out.toString(), "--epochs", "1000", "--set", "step_delay_ms=20")) {
            child.awaitOut(line -> STEP_LINE.matcher(line).matches(), 60);
            child.interrupt();
            assertEquals(ExitCodes.INTERRUPTED, child.exitCode(60), child::toString);
            assertTrue(child.err().contains("burnj: SIGINT received: finishing the current step and writing a checkpoint"), child::toString);
            assertTrue(child.out().contains("interrupted (interrupted by SIGINT) at step "), child::toString);
            assertTrue(child.out().contains("continue with: burnj train synthetic --out " + out + " --resume"), child::toString);
        }
        Checkpoint stopped = Checkpointer.in(out.resolve("checkpoints")).latest().orElseThrow();
        assertTrue(stopped.step() >= 5, stopped::toString);

        // The run's saved hyper-parameters (1000 epochs) apply again; --max-steps bounds the continuation.
        long target = stopped.step() + 3;
        Cli resumed = Cli.run("train", "synthetic", "--out", out.toString(), "--resume", "--max-steps", Long.toString(target), "--set",
                "step_delay_ms=0");
        assertEquals(0, resumed.code(), resumed::toString);
        assertTrue(resumed.out().contains("resumed from " + stopped.directory()), resumed::toString);
        assertTrue(resumed.out().contains("\"epochs\":1000"), resumed::toString);
        assertTrue(resumed.out().contains("done: max steps " + target + " reached after " + target + " steps"), resumed::toString);
        assertEquals(target, Checkpointer.in(out.resolve("checkpoints")).latest().orElseThrow().step());
    }

    @Test
    void aSecondSigintAbortsAtOnce() throws Exception {
        Path out = dir.resolve("run");
        // Steps of 1.5 s, so that the second signal arrives while the first one's step is still running.
        try (ChildCli child = ChildCli.start("train", "synthetic", "--out", out.toString(), "--set", "step_delay_ms=1500", "--set",
                "log_every=1")) {
            child.awaitOut(line -> STEP_LINE.matcher(line).matches(), 60);
            child.interrupt();
            child.awaitErr(line -> line.contains("SIGINT received"), 30);
            child.interrupt();
            assertEquals(ExitCodes.ABORTED, child.exitCode(30), child::toString);
            assertTrue(child.err().contains("burnj: second signal: aborting without a checkpoint of the current step"), child::toString);
            assertFalse(child.out().contains("interrupted ("), child::toString);
        }
        assertFalse(Files.exists(out.resolve("checkpoints")) && Checkpointer.in(out.resolve("checkpoints")).latest().isPresent(),
                "no checkpoint was written");
    }
}
