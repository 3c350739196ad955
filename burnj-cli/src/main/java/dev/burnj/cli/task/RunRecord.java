package dev.burnj.cli.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.burnj.record.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code run.json} in a run's output directory: which task was trained with which hyper-parameters, so that
 * {@code train --resume} and {@code eval} rebuild the same model without the user repeating every override.
 *
 * @param task the task name
 * @param config the resolved hyper-parameters
 */
public record RunRecord(String task, ObjectNode config) {
    public static final String FILE = "run.json";

    /** The record of {@code run} for writing. */
    public static RunRecord of(TaskRun<?, ?, ?, ?> run) {
        return new RunRecord(run.task().name(), TaskConfigs.toTree(run.config()));
    }

    /** Writes this record to {@code dir/run.json}, creating {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFile.write(dir.resolve(FILE), TaskConfigs.MAPPER.writeValueAsBytes(this));
    }

    /** The record in {@code dir}, if there is one. */
    public static Optional<RunRecord> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(TaskConfigs.MAPPER.readValue(Files.readAllBytes(file), RunRecord.class));
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not a valid run record: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code overrides} with this record's configuration first, checking that it belongs to task {@code name}. */
    public ConfigOverrides under(String name, Path dir, ConfigOverrides overrides) {
        if (!task.equals(name)) {
            throw new ConfigException(dir.resolve(FILE) + " records a run of task '" + task + "', not '" + name + "'");
        }
        return overrides.withBase(dir.resolve(FILE).toString(), config);
    }
}
