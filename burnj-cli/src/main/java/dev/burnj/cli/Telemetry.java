package dev.burnj.cli;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Map;

/**
 * The OpenTelemetry SDK of one command, when telemetry is asked for: with {@code --otlp-endpoint}, or when any
 * standard {@code OTEL_*} variable is set. The SDK is configured the standard way (environment variables and
 * {@code otel.*} system properties; the flag wins over {@code OTEL_EXPORTER_OTLP_ENDPOINT}), exports OTLP over
 * HTTP/protobuf by default, and is installed as {@link GlobalOpenTelemetry}, which the Learner reports to. Closing
 * flushes and shuts it down. Without telemetry nothing is installed and {@link #api()} is a no-op.
 */
final class Telemetry implements AutoCloseable {
    private final OpenTelemetrySdk sdk;

    private Telemetry(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
    }

    static Telemetry start(String endpoint, Map<String, String> environment) {
        boolean configured = environment.keySet().stream().anyMatch(k -> k.startsWith("OTEL_"));
        if (endpoint == null && !configured) {
            return new Telemetry(null);
        }
        Map<String, String> defaults = Map.of(
                "otel.service.name", "burnj",
                // The jar carries the JDK HTTP sender only (no OkHttp): HTTP/protobuf, the OTLP default port 4318.
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.logs.exporter", "none");
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                .addPropertiesCustomizer(config -> {
                    Map<String, String> flag = new HashMap<>();
                    if (endpoint != null) {
                        flag.put("otel.exporter.otlp.endpoint", endpoint);
                    }
                    return flag;
                })
                .setResultAsGlobal()
                .build()
                .getOpenTelemetrySdk();
        return new Telemetry(sdk);
    }

    /** The instance tasks and the CLI report to. */
    OpenTelemetry api() {
        return sdk != null ? sdk : OpenTelemetry.noop();
    }

    @Override
    public void close() {
        if (sdk != null) {
            sdk.close();
        }
    }
}
