package dev.burnj.train.checkpoint;

import dev.burnj.record.AtomicFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Saves checkpoints into one directory and finds them again — usable on its own (a custom GAN loop) and by the
 * Learner. Each checkpoint is a sub-directory {@code checkpoint-<step>} written atomically: parts go into a hidden
 * temporary directory, every file is forced to disk, the manifest is written last, the directory is renamed into
 * place and the parent directory synced. A crash at any moment therefore leaves each checkpoint either complete or
 * invisible, and {@link #latest()} returns the newest complete one. After each save the {@link RetentionPolicy}
 * prunes the others (the newest is always kept).
 *
 * <p>One writer per directory at a time; readers may run concurrently. Immutable: {@code with...} returns a copy.
 */
public final class Checkpointer {
    private static final System.Logger LOG = System.getLogger(Checkpointer.class.getName());
    private static final Pattern COMPLETE = Pattern.compile("checkpoint-(\\d{12,19})");
    private static final String TEMP_PREFIX = ".tmp-checkpoint-";
    private static final String TRASH_PREFIX = ".trash-checkpoint-";
    private static final Random RANDOM = new SecureRandom();

    private final Path directory;
    private final RetentionPolicy retention;

    private Checkpointer(Path directory, RetentionPolicy retention) {
        this.directory = directory.toAbsolutePath().normalize();
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    /** Checkpoints in {@code directory} (created on first save), keeping the last 2 by default as Burn does. */
    public static Checkpointer in(Path directory) {
        return new Checkpointer(directory, RetentionPolicy.keepLast(2));
    }

    /** This checkpointer with {@code policy} deciding what is kept after each save. */
    public Checkpointer withRetention(RetentionPolicy policy) {
        return new Checkpointer(directory, policy);
    }

    public Path directory() {
        return directory;
    }

    public RetentionPolicy retention() {
        return retention;
    }

    /**
     * Writes {@code contents} as the checkpoint of its step (replacing one of the same step), then applies the
     * retention policy. If writing fails, the temporary directory is removed and existing checkpoints are untouched.
     */
    public Checkpoint save(CheckpointContents contents) throws IOException {
        Files.createDirectories(directory);
        removeLeftovers();
        Path temp = directory.resolve(TEMP_PREFIX + contents.step() + "-" + token());
        Files.createDirectory(temp);
        try {
            Map<String, Manifest.Entry> entries = new LinkedHashMap<>();
            for (CheckpointContents.Part part : contents.parts()) {
                String fileName = part.kind().fileName(part.name());
                Path file = temp.resolve(fileName);
                part.writer().write(file);
                entries.put(part.name(), new Manifest.Entry(part.kind(), fileName, Files.size(file), Checkpoint.sha256(file)));
            }
            Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.VERSION, contents.step(), contents.epoch(), Instant.now().toString(),
                    contents.metrics(), entries);
            // The manifest goes last: a directory without one is never taken for a checkpoint.
            AtomicFile.write(temp.resolve(Manifest.FILE), CheckpointJson.MAPPER.writeValueAsBytes(manifest));
            AtomicFile.syncDirectory(temp);
        } catch (IOException | RuntimeException | Error e) {
            try {
                deleteTree(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        Path target = directory.resolve(name(contents.step()));
        if (Files.exists(target)) {
            discard(target);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFile.syncDirectory(directory);
        Checkpoint saved = Checkpoint.open(target);
        prune(saved);
        return saved;
    }

    /** Every checkpoint whose manifest is valid, oldest step first (parts are not verified; see {@link #latest()}). */
    public List<Checkpoint> list() throws IOException {
        List<Checkpoint> out = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (!COMPLETE.matcher(entry.getFileName().toString()).matches() || !Files.isDirectory(entry)) {
                    continue;
                }
                try {
                    out.add(Checkpoint.open(entry));
                } catch (InvalidCheckpointException e) {
                    LOG.log(System.Logger.Level.WARNING, "skipping checkpoint: {0}", e.getMessage());
                }
            }
        }
        out.sort(Comparator.comparingLong(Checkpoint::step));
        return out;
    }

    /**
     * The newest checkpoint whose every part matches its manifest. A newer one that fails verification (a corrupted
     * copy) is skipped with a warning, so resuming falls back to the last good state.
     */
    public Optional<Checkpoint> latest() throws IOException {
        List<Checkpoint> all = list();
        for (int i = all.size() - 1; i >= 0; i--) {
            Checkpoint c = all.get(i);
            try {
                c.verify();
                return Optional.of(c);
            } catch (InvalidCheckpointException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping corrupted checkpoint: {0}", e.getMessage());
            }
        }
        return Optional.empty();
    }

    static String name(long step) {
        // Zero-padded, so that names sort like steps in any file browser.
        return String.format("checkpoint-%012d", step);
    }

    private void prune(Checkpoint newest) throws IOException {
        List<Checkpoint> all = list();
        Set<Checkpoint> keep = new HashSet<>(retention.retain(List.copyOf(all)));
        keep.add(newest);
        for (Checkpoint c : all) {
            if (!keep.contains(c)) {
                discard(c.directory());
            }
        }
    }

    /** Removes a checkpoint: first renamed out of sight (atomic), then deleted, so no half-deleted one is ever listed. */
    private void discard(Path checkpoint) throws IOException {
        Path trash = directory.resolve(TRASH_PREFIX + token());
        Files.move(checkpoint, trash, StandardCopyOption.ATOMIC_MOVE);
        AtomicFile.syncDirectory(directory);
        deleteTree(trash);
    }

    /** Deletes temporary and trash directories that a crashed save or prune left behind. */
    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(TEMP_PREFIX) || n.startsWith(TRASH_PREFIX);
        })) {
            for (Path p : entries) {
                deleteTree(p);
            }
        }
    }

    private static String token() {
        return Long.toUnsignedString(RANDOM.nextLong(), 36);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public String toString() {
        return "Checkpointer[" + directory + "]";
    }
}
