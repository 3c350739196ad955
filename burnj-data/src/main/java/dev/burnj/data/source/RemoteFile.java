package dev.burnj.data.source;

import java.util.Locale;

/**
 * A file to download and the SHA-256 it must have. The checksum is of the file's content after gzip decompression
 * (or of the file itself if it is not gzip), because mirrors and distributions recompress the same data: the
 * Fashion-MNIST files that Debian ships differ byte-wise from upstream's {@code .gz} files but hold the same IDX data.
 *
 * @param name the file name, resolved against the download base URI and the target directory
 * @param sha256 the expected SHA-256 of the decompressed content, 64 hex digits
 */
public record RemoteFile(String name, String sha256) {
    public RemoteFile {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("RemoteFile: name must be a plain file name, got '" + name + "'");
        }
        if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("RemoteFile " + name + ": sha256 must be 64 hex digits, got '" + sha256 + "'");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
    }
}
