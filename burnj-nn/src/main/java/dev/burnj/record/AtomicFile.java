package dev.burnj.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Random;

/**
 * Replaces a file atomically: the content goes to a temporary file in the same directory, is forced to disk, and is
 * renamed over the target. A crash or an exception at any point leaves either the old file or the new one, never a
 * torn mix, and an exception removes the temporary file. Records and checkpoints write every file this way.
 */
public final class AtomicFile {
    private static final Random RANDOM = new SecureRandom();

    /** Writes the content of a file through a channel. */
    @FunctionalInterface
    public interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFile() {}

    /** Replaces {@code target} with what {@code content} writes. */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        // Same directory as the target: a rename is only atomic within one file system. A dot-name hides it from
        // directory listings; CREATE_NEW (rather than createTempFile) keeps the default permissions of a new file.
        Path temp = directory.resolve("." + absolute.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                // Data and metadata must be durable before the rename publishes them, or a crash could leave the
                // new name pointing at incomplete contents.
                channel.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        syncDirectory(directory);
    }

    /** Replaces {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    /**
     * Makes renames and deletions in {@code directory} durable, where the platform lets a directory be opened and
     * forced (not on Windows, where this does nothing).
     */
    public static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The new file is complete either way; only durability of the rename across a power loss is weaker here.
        }
    }
}
