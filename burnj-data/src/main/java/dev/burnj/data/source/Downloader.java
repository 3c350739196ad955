package dev.burnj.data.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Fetches dataset files over HTTP into a directory, only when asked to. Each file is written to a temporary file
 * beside its target, checked against its {@link RemoteFile#sha256()}, and renamed into place atomically, so a
 * failed or interrupted download never leaves a partial file under the real name.
 */
public final class Downloader {
    private final HttpClient client;
    private final Duration timeout;

    private Downloader(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.timeout = timeout;
    }

    /** A downloader whose connections and requests time out after {@code timeout}. */
    public static Downloader withTimeout(Duration timeout) {
        return new Downloader(timeout);
    }

    /** A downloader with a 10-minute request timeout. */
    public static Downloader standard() {
        return new Downloader(Duration.ofMinutes(10));
    }

    /**
     * Downloads each of {@code files} from {@code base.resolve(name)} into {@code dir} (created if needed). Files
     * already present with the right checksum are kept.
     *
     * @return the downloaded (or already present) files
     * @throws UncheckedIOException naming the URL and the reason (server unreachable, HTTP status, checksum mismatch)
     */
    public List<Path> download(URI base, Path dir, List<RemoteFile> files) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("download: cannot create " + dir + ": " + e, e);
        }
        return files.stream().map(file -> fetch(base, dir, file)).toList();
    }

    /** The SHA-256 (hex) of {@code file}'s content, decompressed first if it is gzip. */
    public static String contentSha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private Path fetch(URI base, Path dir, RemoteFile file) {
        Path target = dir.resolve(file.name());
        if (Files.isRegularFile(target) && matches(target, file)) {
            return target;
        }
        URI uri = base.resolve(file.name());
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + file.name() + ".", ".part");
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
            HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(temp));
            if (response.statusCode() != 200) {
                throw new UncheckedIOException(new IOException("download " + uri + ": HTTP status " + response.statusCode() + ", expected 200"));
            }
            String actual = contentSha256(temp);
            if (!actual.equals(file.sha256())) {
                throw new UncheckedIOException(new IOException("download " + uri + ": checksum mismatch: expected SHA-256 " + file.sha256()
                        + " of the (decompressed) content, got " + actual + "; the file was not saved"));
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            return target;
        } catch (ConnectException e) {
            throw new UncheckedIOException("download " + uri + ": cannot connect (" + e + "); is the server up and the network reachable?", e);
        } catch (IOException e) {
            throw new UncheckedIOException("download " + uri + " into " + dir + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("download " + uri + ": interrupted", e));
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Best effort: a stray .part file is harmless and is never read as data.
                }
            }
        }
    }

    private static boolean matches(Path target, RemoteFile file) {
        try {
            return contentSha256(target).equals(file.sha256());
        } catch (IOException e) {
            return false;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every JVM", e);
        }
    }
}
