package dev.burnj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --otlp-endpoint}: the SDK exports the run's span over OTLP/HTTP, flushed before the command returns. */
class TelemetryTest {
    @TempDir
    Path dir;

    @Test
    void aBadEndpointIsAUsageError() {
        Cli r = Cli.run("train", "synthetic", "--out", dir.resolve("bad").toString(), "--max-steps", "1", "--otlp-endpoint", "not a url");
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("burnj train: telemetry (--otlp-endpoint, OTEL_* variables): "), r::toString);
    }

    @Test
    void otlpEndpointExportsTheTrainSpan() throws IOException {
        Map<String, List<byte[]>> received = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.computeIfAbsent(exchange.getRequestURI().getPath(), k -> new CopyOnWriteArrayList<>()).add(in.readAllBytes());
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
            Cli r = Cli.run("train", "synthetic", "--out", dir.resolve("run").toString(), "--max-steps", "2", "--otlp-endpoint", endpoint);
            assertEquals(0, r.code(), r::toString);
        } finally {
            server.stop(0);
        }
        List<byte[]> traces = received.getOrDefault("/v1/traces", List.of());
        assertTrue(!traces.isEmpty(), () -> "no OTLP trace export; paths " + received.keySet());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        traces.forEach(all::writeBytes);
        String body = all.toString(StandardCharsets.ISO_8859_1);
        // Protobuf keeps strings as UTF-8 bytes: the span name, the service and an attribute are there.
        assertTrue(body.contains("burnj train"), body);
        assertTrue(body.contains("burnj.task") && body.contains("synthetic"), body);
        assertTrue(body.contains("max steps 2 reached"), body);
    }
}
