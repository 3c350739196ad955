package dev.burnj.train.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.burnj.nn.Module;
import dev.burnj.optim.Optimizer;
import dev.burnj.optim.OptimizerRecord;
import dev.burnj.optim.lr.LrScheduler;
import dev.burnj.record.LoadOptions;
import dev.burnj.record.LoadReport;
import dev.burnj.record.ModuleRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A complete checkpoint on disk: a directory whose manifest names the training step, epoch, metrics and parts.
 * Each part is checked against the manifest's size and SHA-256 before it is loaded, so a torn or corrupted file is
 * reported as such rather than half-loaded. Equal when they denote the same directory.
 */
public final class Checkpoint {
    private final Path directory;
    private final Manifest manifest;

    private Checkpoint(Path directory, Manifest manifest) {
        this.directory = directory;
        this.manifest = manifest;
    }

    /**
     * Opens the checkpoint in {@code directory}, reading and validating its manifest (not yet the parts).
     *
     * @throws InvalidCheckpointException if there is no manifest, it is not valid JSON of the expected form, or it was
     *     written in a newer format version than this code reads
     */
    public static Checkpoint open(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        Path file = dir.resolve(Manifest.FILE);
        Manifest manifest;
        try {
            manifest = CheckpointJson.MAPPER.readValue(Files.readAllBytes(file), Manifest.class);
        } catch (NoSuchFileException e) {
            throw new InvalidCheckpointException(dir, "no " + Manifest.FILE + ": not a checkpoint, or one whose save did not finish", e);
        } catch (JsonProcessingException e) {
            throw new InvalidCheckpointException(dir, Manifest.FILE + " is not a valid manifest: " + e.getOriginalMessage(), e);
        }
        if (!Manifest.FORMAT.equals(manifest.format())) {
            throw new InvalidCheckpointException(dir, "expected format '" + Manifest.FORMAT + "' in " + Manifest.FILE + ", found "
                    + (manifest.format() == null ? "none" : "'" + manifest.format() + "'"));
        }
        if (manifest.formatVersion() < 1 || manifest.formatVersion() > Manifest.VERSION) {
            throw new InvalidCheckpointException(dir, "format version " + manifest.formatVersion() + " is not supported: this burnj reads "
                    + "versions 1 to " + Manifest.VERSION + (manifest.formatVersion() > Manifest.VERSION ? " (written by a newer burnj)" : ""));
        }
        if (manifest.step() < 0 || manifest.epoch() < 0) {
            throw new InvalidCheckpointException(dir, "step " + manifest.step() + " and epoch " + manifest.epoch() + " must be >= 0");
        }
        for (Map.Entry<String, Manifest.Entry> e : manifest.parts().entrySet()) {
            Manifest.Entry entry = e.getValue();
            if (entry == null || entry.kind() == null || entry.sha256() == null || entry.bytes() < 0
                    || !entry.kind().fileName(e.getKey()).equals(entry.file())) {
                throw new InvalidCheckpointException(dir, "part '" + e.getKey() + "' has an invalid manifest entry: " + entry);
            }
        }
        return new Checkpoint(dir, manifest);
    }

    /** The checkpoint's directory (absolute). */
    public Path directory() {
        return directory;
    }

    /** The global training step (optimizer updates made) when it was saved. */
    public long step() {
        return manifest.step();
    }

    /** The epoch it was saved in (counting from 0), or the number of epochs completed, as the writer chose. */
    public int epoch() {
        return manifest.epoch();
    }

    /** The format version it was written in. */
    public int formatVersion() {
        return manifest.formatVersion();
    }

    /** When it was saved. */
    public Instant created() {
        // Informational only: a missing or unreadable time does not make the checkpoint unusable.
        if (manifest.created() == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(manifest.created());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** The metrics saved with it, by name. */
    public Map<String, Double> metrics() {
        return manifest.metrics();
    }

    /** The value of {@code name}, if saved. */
    public OptionalDouble metric(String name) {
        Double v = manifest.metrics().get(name);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The part names. */
    public Set<String> parts() {
        return manifest.parts().keySet();
    }

    /** The kind of part {@code name}. */
    public PartKind kind(String name) throws InvalidCheckpointException {
        return entry(name).kind();
    }

    /** The file of part {@code name}, checked against the manifest's size and SHA-256 (for tools that read parts raw). */
    public Path file(String name) throws IOException {
        return verified(name, entry(name).kind());
    }

    /** Loads module part {@code name} into {@code module} strictly. */
    public void loadModule(String name, Module module) throws IOException {
        loadModule(name, module, LoadOptions.strict());
    }

    /** Loads module part {@code name} into {@code module}; see {@link ModuleRecord#load(Module, Path, LoadOptions)}. */
    public LoadReport loadModule(String name, Module module, LoadOptions options) throws IOException {
        return ModuleRecord.load(module, verified(name, PartKind.MODULE), options);
    }

    /** Restores optimizer part {@code name} into {@code optimizer}, and into {@code scheduler} unless it is null. */
    public void loadOptimizer(String name, Optimizer optimizer, LrScheduler scheduler) throws IOException {
        OptimizerRecord.load(optimizer, scheduler, verified(name, PartKind.OPTIMIZER));
    }

    /** JSON part {@code name} as a tree. */
    public JsonNode readJson(String name) throws IOException {
        return readJson(name, JsonNode.class);
    }

    /** JSON part {@code name} bound to {@code type} (snake_case property names). */
    public <T> T readJson(String name, Class<T> type) throws IOException {
        Path file = verified(name, PartKind.JSON);
        try {
            return CheckpointJson.MAPPER.readValue(Files.readAllBytes(file), type);
        } catch (JsonProcessingException e) {
            throw new InvalidCheckpointException(directory, "part '" + name + "' is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Checks every part against the manifest's size and SHA-256. */
    public void verify() throws IOException {
        for (String name : parts()) {
            verified(name, entry(name).kind());
        }
    }

    private Manifest.Entry entry(String name) throws InvalidCheckpointException {
        Manifest.Entry entry = manifest.parts().get(name);
        if (entry == null) {
            throw new InvalidCheckpointException(directory, "no part '" + name + "'; the parts are " + parts());
        }
        return entry;
    }

    /** The file of part {@code name} after checking its kind, size and digest. */
    private Path verified(String name, PartKind kind) throws IOException {
        Manifest.Entry entry = entry(name);
        if (entry.kind() != kind) {
            throw new InvalidCheckpointException(directory, "part '" + name + "' holds " + entry.kind() + ", not " + kind);
        }
        Path file = directory.resolve(entry.file());
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InvalidCheckpointException(directory, "part '" + name + "': file " + entry.file() + " is missing", e);
        }
        if (size != entry.bytes()) {
            throw new InvalidCheckpointException(directory, "part '" + name + "': expected " + entry.bytes() + " bytes in " + entry.file()
                    + ", found " + size);
        }
        String digest = sha256(file);
        if (!digest.equals(entry.sha256())) {
            throw new InvalidCheckpointException(directory, "part '" + name + "': SHA-256 of " + entry.file() + " is " + digest
                    + ", the manifest says " + entry.sha256() + " (the file is corrupted)");
        }
        return file;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.directory.equals(directory);
    }

    @Override
    public int hashCode() {
        return directory.hashCode();
    }

    @Override
    public String toString() {
        return "Checkpoint[step=" + step() + ", epoch=" + epoch() + ", metrics=" + metrics() + ", " + directory + "]";
    }
}
