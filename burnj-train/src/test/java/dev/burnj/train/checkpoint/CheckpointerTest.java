package dev.burnj.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.optim.AdamConfig;
import dev.burnj.optim.Optimizer;
import dev.burnj.optim.lr.StepLr;
import dev.burnj.random.Generator;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import dev.burnj.train.Goal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointerTest {
    static final Device AD = Device.of("nd4j").autodiff();

    @TempDir
    Path dir;

    /** Loader-like state stored as a JSON part. */
    record Position(int epoch, long cursor, List<Long> seeds) {}

    private static TensorOptions options(long seed) {
        return TensorOptions.on(AD).withDType(DType.F32).withGenerator(Generator.of(seed));
    }

    private static void trainSteps(TinyNet net, Optimizer opt, StepLr schedule, int steps) {
        for (int i = 0; i < steps; i++) {
            try (TensorScope scope = TensorScope.open()) {
                Tensor2 x = Tensor2.randn(Shape.of(8, 4), options(100 + i));
                try (Grads grads = net.forward(x).pow(2).mean().backward()) {
                    opt.step(net, grads);
                }
            }
            schedule.step();
            schedule.applyTo(opt);
        }
    }

    @Test
    void roundTripsModulesOptimizersAndJson() throws IOException {
        TinyNet net = new TinyNet(options(1), 6);
        Optimizer opt = AdamConfig.of().withLr(0.01).init();
        StepLr schedule = StepLr.of(2, 0.5);
        schedule.applyTo(opt);
        trainSteps(net, opt, schedule, 3);
        Position position = new Position(1, 4242, List.of(7L, 8L));
        Checkpoint saved = Checkpointer.in(dir).save(CheckpointContents.at(3, 1).withMetric("valid_loss", 0.25)
                .withModule("model", net).withOptimizer("optimizer", opt, schedule).withJson("loader", position));
        assertEquals(dir.resolve("checkpoint-000000000003"), saved.directory());
        assertEquals(Stream.of("checkpoint.json", "loader.json", "model.safetensors", "optimizer.safetensors").sorted().toList(),
                list(saved.directory()));

        Checkpoint read = Checkpointer.in(dir).latest().orElseThrow();
        assertEquals(3, read.step());
        assertEquals(1, read.epoch());
        assertEquals(1, read.formatVersion());
        assertEquals(Map.of("valid_loss", 0.25), read.metrics());
        assertEquals(PartKind.OPTIMIZER, read.kind("optimizer"));
        TinyNet copy = new TinyNet(options(2), 6);
        read.loadModule("model", copy);
        assertArrays(net.snapshot(), copy.snapshot());
        Optimizer resumed = AdamConfig.of().withLr(0.01).init();
        StepLr resumedSchedule = StepLr.of(2, 0.5);
        read.loadOptimizer("optimizer", resumed, resumedSchedule);
        assertEquals(position, read.readJson("loader", Position.class));
        assertEquals(4242, read.readJson("loader").get("cursor").asLong());

        // Training on from the checkpoint matches training on without it, bit for bit.
        trainSteps(net, opt, schedule, 2);
        trainSteps(copy, resumed, resumedSchedule, 2);
        assertArrays(net.snapshot(), copy.snapshot());
        net.close();
        copy.close();
    }

    @Test
    void retentionKeepsTheLastAndTheBest() throws IOException {
        TinyNet net = new TinyNet(options(1), 3);
        Checkpointer checkpointer = Checkpointer.in(dir)
                .withRetention(RetentionPolicy.keepLast(2).or(RetentionPolicy.keepBest(2, "valid_loss", Goal.MINIMIZE)));
        double[] losses = {0.9, 0.4, 0.7, 0.3, Double.NaN, 0.8, 0.85};
        for (int step = 0; step < losses.length; step++) {
            checkpointer.save(CheckpointContents.at(step, step).withMetric("valid_loss", losses[step]).withModule("model", net));
        }
        // best two: steps 3 (0.3) and 1 (0.4); last two: 5 and 6; NaN (step 4) never ranks.
        assertEquals(List.of(1L, 3L, 5L, 6L), checkpointer.list().stream().map(Checkpoint::step).toList());
        assertFalse(list(dir).stream().anyMatch(n -> n.startsWith(".")), "no temporary or trash directories remain");

        Checkpointer best = Checkpointer.in(dir.resolve("acc")).withRetention(RetentionPolicy.keepBest(1, "acc", Goal.MAXIMIZE));
        double[] accuracy = {0.5, 0.8, 0.8, 0.6};
        for (int step = 0; step < accuracy.length; step++) {
            best.save(CheckpointContents.at(step, 0).withMetric("acc", accuracy[step]).withModule("model", net));
        }
        // the first to reach 0.8 (step 1) is the best; the newest (3) is always kept
        assertEquals(List.of(1L, 3L), best.list().stream().map(Checkpoint::step).toList());
        net.close();
    }

    @Test
    void latestSkipsACorruptedCheckpointAndLoadingItFailsClearly() throws IOException {
        TinyNet net = new TinyNet(options(1), 4);
        Checkpointer checkpointer = Checkpointer.in(dir).withRetention(RetentionPolicy.keepAll());
        checkpointer.save(CheckpointContents.at(10, 0).withModule("model", net));
        Checkpoint newest = checkpointer.save(CheckpointContents.at(20, 0).withModule("model", net));
        Path weights = newest.directory().resolve("model.safetensors");
        try (FileChannel ch = FileChannel.open(weights, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, ch.size() - 3);
            b.put(0, (byte) (b.get(0) ^ 0x40)).rewind();
            ch.write(b, ch.size() - 3);
        }
        assertEquals(10, checkpointer.latest().orElseThrow().step());
        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class, () -> newest.loadModule("model", net));
        assertTrue(e.getMessage().contains("SHA-256") && e.getMessage().contains("corrupted"), e.getMessage());

        Files.writeString(weights, "short");
        InvalidCheckpointException size = assertThrows(InvalidCheckpointException.class, newest::verify);
        assertTrue(size.getMessage().contains("bytes in model.safetensors, found 5"), size.getMessage());
        InvalidCheckpointException missing = assertThrows(InvalidCheckpointException.class, () -> newest.readJson("loader"));
        assertTrue(missing.getMessage().contains("no part 'loader'"), missing.getMessage());
        net.close();
    }

    @Test
    void aFailedSaveLeavesEarlierCheckpointsAndNoTemporaryFiles() throws IOException {
        TinyNet net = new TinyNet(options(1), 4);
        Checkpointer checkpointer = Checkpointer.in(dir);
        checkpointer.save(CheckpointContents.at(1, 0).withModule("model", net));
        Object unserialisable = new Object() {
            @SuppressWarnings("unused")
            public Object getSelf() {
                throw new IllegalStateException("cannot serialise");
            }
        };
        assertThrows(IOException.class, () -> checkpointer.save(CheckpointContents.at(2, 0).withModule("model", net)
                .withJson("broken", unserialisable)));
        assertEquals(List.of("checkpoint-000000000001"), list(dir));
        assertEquals(1, checkpointer.latest().orElseThrow().step());
        net.close();
    }

    @Test
    void incompleteAndForeignDirectoriesAreNotCheckpoints() throws IOException {
        TinyNet net = new TinyNet(options(1), 4);
        Checkpointer checkpointer = Checkpointer.in(dir);
        checkpointer.save(CheckpointContents.at(5, 0).withModule("model", net));
        // A save killed before its rename, and a directory that only looks like a checkpoint.
        Files.createDirectories(dir.resolve(".tmp-checkpoint-6-abc"));
        Files.createDirectories(dir.resolve("checkpoint-000000000007"));
        assertEquals(List.of(5L), checkpointer.list().stream().map(Checkpoint::step).toList());
        InvalidCheckpointException noManifest = assertThrows(InvalidCheckpointException.class,
                () -> Checkpoint.open(dir.resolve("checkpoint-000000000007")));
        assertTrue(noManifest.getMessage().contains("no checkpoint.json"), noManifest.getMessage());

        Path newer = dir.resolve("checkpoint-000000000008");
        Files.createDirectories(newer);
        Files.writeString(newer.resolve("checkpoint.json"), "{\"format\":\"burnj.checkpoint\",\"format_version\":2,\"step\":8,\"epoch\":0}");
        InvalidCheckpointException version = assertThrows(InvalidCheckpointException.class, () -> Checkpoint.open(newer));
        assertTrue(version.getMessage().contains("format version 2 is not supported") && version.getMessage().contains("newer burnj"),
                version.getMessage());
        Files.writeString(newer.resolve("checkpoint.json"), "{\"format\":\"something-else\"}");
        assertTrue(assertThrows(InvalidCheckpointException.class, () -> Checkpoint.open(newer)).getMessage().contains("expected format"));
        Files.writeString(newer.resolve("checkpoint.json"), "{\"format\": ");
        assertTrue(assertThrows(InvalidCheckpointException.class, () -> Checkpoint.open(newer)).getMessage().contains("not a valid manifest"));

        checkpointer.save(CheckpointContents.at(9, 0).withModule("model", net));
        assertFalse(Files.exists(dir.resolve(".tmp-checkpoint-6-abc")), "leftovers of a crashed save are removed by the next save");
        net.close();
    }

    @Test
    void savingTheSameStepAgainReplacesIt() throws IOException {
        TinyNet net = new TinyNet(options(1), 4);
        Checkpointer checkpointer = Checkpointer.in(dir);
        checkpointer.save(CheckpointContents.at(3, 0).withMetric("m", 1).withModule("model", net));
        checkpointer.save(CheckpointContents.at(3, 0).withMetric("m", 2).withModule("model", net));
        assertEquals(List.of(Map.of("m", 2.0)), checkpointer.list().stream().map(Checkpoint::metrics).toList());
        net.close();
    }

    @Test
    void partNamesAreValidated() {
        CheckpointContents c = CheckpointContents.at(0, 0).withJson("rng", Map.of("seed", 1));
        assertThrows(IllegalArgumentException.class, () -> c.withJson("rng", 2));
        assertThrows(IllegalArgumentException.class, () -> c.withJson("../escape", 2));
        assertThrows(IllegalArgumentException.class, () -> c.withJson("checkpoint", 2));
        assertThrows(IllegalArgumentException.class, () -> CheckpointContents.at(-1, 0));
    }

    private static List<String> list(Path directory) throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertArrays(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0.0, "state tensor " + i);
        }
    }
}
