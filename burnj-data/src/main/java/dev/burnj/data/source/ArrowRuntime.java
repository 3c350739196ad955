package dev.burnj.data.source;

/**
 * Arrow's memory module builds direct buffers through {@code java.nio} internals, which Java 17 only allows with
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED}. Without it Arrow fails deep inside a read with an obscure
 * {@code UnsupportedOperationException}, which {@link ArrowDataset} would otherwise report as a corrupt file; this
 * check says what is wrong before any file is touched.
 */
final class ArrowRuntime {
    private ArrowRuntime() {}

    static void requireNioOpen() {
        Module arrow = org.apache.arrow.memory.util.MemoryUtil.class.getModule();
        if (!Object.class.getModule().isOpen("java.nio", arrow)) {
            throw new IllegalStateException("Arrow needs the JVM option --add-opens=java.base/java.nio="
                    + (arrow.isNamed() ? arrow.getName() : "ALL-UNNAMED") + " (add it to the java command line or to surefire's argLine)");
        }
    }
}
