package dev.burnj.train.checkpoint;

import dev.burnj.nn.Module;
import dev.burnj.optim.OptimizerRecord;
import dev.burnj.record.AtomicFile;
import dev.burnj.record.ModuleRecord;
import java.io.IOException;
import java.nio.file.Path;
import dev.burnj.optim.Optimizer;
import dev.burnj.optim.lr.LrScheduler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to save in one checkpoint: its step and epoch, metrics (which retention policies rank by), and named parts —
 * modules, optimizers with their schedulers, and JSON values. A GAN loop saves {@code generator},
 * {@code discriminator} and two optimizers; the Learner saves {@code model}, {@code optimizer}, {@code loader},
 * {@code rng} and {@code history}. Immutable: each {@code with...} returns a copy. Parts refer to the live objects and
 * are written when {@link Checkpointer#save} runs.
 */
public final class CheckpointContents {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private final long step;
    private final int epoch;
    private final Map<String, Double> metrics;
    private final List<Part> parts;

    /** A part to write: its kind and how to write it to a file. */
    record Part(String name, PartKind kind, PartWriter writer) {}

    /** Writes a part's content to a file. */
    @FunctionalInterface
    interface PartWriter {
        void write(Path file) throws IOException;
    }

    private CheckpointContents(long step, int epoch, Map<String, Double> metrics, List<Part> parts) {
        this.step = step;
        this.epoch = epoch;
        this.metrics = Collections.unmodifiableMap(metrics);
        this.parts = Collections.unmodifiableList(parts);
    }

    /** Empty contents for global step {@code step} in epoch {@code epoch}. */
    public static CheckpointContents at(long step, int epoch) {
        if (step < 0 || epoch < 0) {
            throw new IllegalArgumentException("step and epoch must be >= 0, got step " + step + ", epoch " + epoch);
        }
        return new CheckpointContents(step, epoch, new LinkedHashMap<>(), new ArrayList<>());
    }

    /** These contents with metric {@code name} set to {@code value} (NaN allowed: it never ranks as best). */
    public CheckpointContents withMetric(String name, double value) {
        Map<String, Double> copy = new LinkedHashMap<>(metrics);
        copy.put(Objects.requireNonNull(name, "name"), value);
        return new CheckpointContents(step, epoch, copy, new ArrayList<>(parts));
    }

    /** These contents with every metric of {@code values} set. */
    public CheckpointContents withMetrics(Map<String, Double> values) {
        Map<String, Double> copy = new LinkedHashMap<>(metrics);
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "metric name"), Objects.requireNonNull(v, () -> "metric " + k)));
        return new CheckpointContents(step, epoch, copy, new ArrayList<>(parts));
    }

    /** Adds module part {@code name}: {@code module}'s parameters and buffers. */
    public CheckpointContents withModule(String name, Module module) {
        Objects.requireNonNull(module, "module");
        return with(name, PartKind.MODULE, file -> ModuleRecord.save(module, file));
    }

    /** Adds optimizer part {@code name}: {@code optimizer}'s state and {@code scheduler}'s (which may be null). */
    public CheckpointContents withOptimizer(String name, Optimizer optimizer, LrScheduler scheduler) {
        Objects.requireNonNull(optimizer, "optimizer");
        return with(name, PartKind.OPTIMIZER, file -> OptimizerRecord.save(optimizer, scheduler, file));
    }

    /**
     * Adds JSON part {@code name}: {@code value} as Jackson writes it (records, maps, lists, numbers; snake_case
     * property names). The value is serialised when the checkpoint is saved.
     */
    public CheckpointContents withJson(String name, Object value) {
        return with(name, PartKind.JSON, file -> AtomicFile.write(file, CheckpointJson.MAPPER.writeValueAsBytes(value)));
    }

    public long step() {
        return step;
    }

    public int epoch() {
        return epoch;
    }

    public Map<String, Double> metrics() {
        return metrics;
    }

    List<Part> parts() {
        return parts;
    }

    private CheckpointContents with(String name, PartKind kind, PartWriter writer) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches() || name.equals("checkpoint")) {
            throw new IllegalArgumentException("part name '" + name + "' must be 1-100 letters, digits, '_', '.' or '-', start with a letter or "
                    + "digit, and not be 'checkpoint'");
        }
        for (Part p : parts) {
            if (p.name().equals(name)) {
                throw new IllegalArgumentException("part '" + name + "' is already in these contents");
            }
        }
        List<Part> copy = new ArrayList<>(parts);
        copy.add(new Part(name, kind, writer));
        return new CheckpointContents(step, epoch, new LinkedHashMap<>(metrics), copy);
    }

    @Override
    public String toString() {
        return "CheckpointContents[step=" + step + ", epoch=" + epoch + ", metrics=" + metrics + ", parts="
                + parts.stream().map(Part::name).toList() + "]";
    }
}
