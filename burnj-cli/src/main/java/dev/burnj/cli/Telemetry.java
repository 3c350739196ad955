package dev.burnj.cli;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The OpenTelemetry SDK of one command, when telemetry is asked for: with {@code --otlp-endpoint}, or when any
 * standard {@code OTEL_*} variable is set. The SDK is configured the standard way (environment variables and
 * {@code otel.*} system properties; the flag wins over {@code OTEL_EXPORTER_OTLP_ENDPOINT}), exports OTLP over
 * HTTP/protobuf by default, and is installed as {@link GlobalOpenTelemetry}, which the Learner reports to. Closing
 * flushes and shuts it down. Without telemetry nothing is installed and {@link #api()} is a no-op.
 */
final class Telemetry implements AutoCloseable {
    // Held strongly: java.util.logging keeps loggers only weakly, which would drop the handler set below.
    private static final Logger SDK_LOG = Logger.getLogger("io.opentelemetry");

    private final OpenTelemetrySdk sdk;

    private Telemetry(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
    }

    static Telemetry start(String endpoint, Map<String, String> environment, PrintStream err) {
        boolean configured = environment.keySet().stream().anyMatch(k -> k.startsWith("OTEL_"));
        if (endpoint == null && !configured) {
            return new Telemetry(null);
        }
        quietSdkLog(err);
        Map<String, String> defaults = Map.of(
                "otel.service.name", "burnj",
                // The jar carries the JDK HTTP sender only (no OkHttp): HTTP/protobuf, the OTLP default port 4318.
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.logs.exporter", "none");
        OpenTelemetrySdk sdk;
        try {
            sdk = AutoConfiguredOpenTelemetrySdk.builder()
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
        } catch (ConfigurationException e) {
            throw new UsageException("telemetry (--otlp-endpoint, OTEL_* variables): " + e.getMessage(), e);
        }
        return new Telemetry(sdk);
    }

    /**
     * The SDK logs a failed export at WARNING with its stack trace, every export interval; with a collector down
     * that would bury the training output, so each is one line on standard error instead.
     */
    private static void quietSdkLog(PrintStream err) {
        SDK_LOG.setUseParentHandlers(false);
        for (Handler h : SDK_LOG.getHandlers()) {
            SDK_LOG.removeHandler(h);
        }
        SDK_LOG.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    Throwable t = r.getThrown();
                    err.println("burnj: telemetry: " + r.getMessage() + (t == null ? "" : ": " + t));
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {}
        });
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
