package dev.burnj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.burnj.data.source.Downloader;
import dev.burnj.data.source.RemoteFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
    private static final byte[] CONTENT = IdxFileTest.idx(new int[] {3}, new byte[] {1, 2, 3});

    @TempDir
    Path dir;

    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] gz = IdxFileTest.gzip(CONTENT);
        server.createContext("/data/", exchange -> {
            boolean found = exchange.getRequestURI().getPath().equals("/data/labels.gz");
            exchange.sendResponseHeaders(found ? 200 : 404, found ? gz.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                if (found) {
                    out.write(gz);
                }
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }

    @Test
    void goodFileIsVerifiedAndRenamedIntoPlace() throws Exception {
        Path target = dir.resolve("cache");
        List<Path> got = Downloader.withTimeout(Duration.ofSeconds(10)).download(base, target, List.of(new RemoteFile("labels.gz", sha256(CONTENT))));
        assertEquals(List.of(target.resolve("labels.gz")), got);
        assertArrayEquals(IdxFileTest.gzip(CONTENT), Files.readAllBytes(got.get(0)));
        assertEquals(sha256(CONTENT), Downloader.contentSha256(got.get(0)));
        try (Stream<Path> files = Files.list(target)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void checksumMismatchSavesNothing() throws Exception {
        String wrong = "0".repeat(64);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Downloader.withTimeout(Duration.ofSeconds(10)).download(base, dir, List.of(new RemoteFile("labels.gz", wrong))));
        assertTrue(e.getMessage().contains("checksum mismatch: expected SHA-256 " + wrong) && e.getMessage().contains(sha256(CONTENT)),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("labels.gz")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void missingFileReportsTheStatus() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Downloader.withTimeout(Duration.ofSeconds(10))
                .download(base, dir, List.of(new RemoteFile("images.gz", "a".repeat(64)))));
        assertTrue(e.getMessage().contains("HTTP status 404"), e.getMessage());
    }

    @Test
    void serverDownIsAClearError() throws IOException {
        server.stop(0);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Downloader.withTimeout(Duration.ofSeconds(5))
                .download(base, dir, List.of(new RemoteFile("labels.gz", "a".repeat(64)))));
        assertTrue(e.getMessage().contains(base.resolve("labels.gz").toString()) && e.getMessage().contains("cannot connect"), e.getMessage());
        assertEquals(List.of(), leftovers());
    }
}
