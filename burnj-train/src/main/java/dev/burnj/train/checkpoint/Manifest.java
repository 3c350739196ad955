package dev.burnj.train.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code checkpoint.json} of a checkpoint directory, written last: what the checkpoint is (format tag and version,
 * step, epoch, creation time, metrics) and, per part, its kind, file, byte size and SHA-256, so that a reader can tell
 * a complete checkpoint from a torn or corrupted one.
 */
record Manifest(String format, int formatVersion, long step, int epoch, String created, Map<String, Double> metrics,
        Map<String, Entry> parts) {
    static final String FILE = "checkpoint.json";
    static final String FORMAT = "burnj.checkpoint";
    /** The newest format this code writes and reads; see docs/design/checkpoints.md for the compatibility policy. */
    static final int VERSION = 1;

    Manifest {
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        parts = parts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /** One part's file and what it must contain. */
    record Entry(PartKind kind, String file, long bytes, String sha256) {}
}
