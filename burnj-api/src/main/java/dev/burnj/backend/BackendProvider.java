package dev.burnj.backend;

/**
 * Service-provider interface through which {@link java.util.ServiceLoader} finds backends. A provider must be
 * cheap to construct: native libraries load in {@link #create()}, not in the constructor.
 */
public interface BackendProvider {
    /** The registry name users select, e.g. {@code "nd4j"}. */
    String name();

    /** Whether the backend can run here, and if not, why (missing native library, no device, ...). */
    Availability availability();

    /** Creates the backend; called at most once per process by {@link Backends}. */
    Backend create();

    /** Whether a backend is usable, with the reason when it is not. */
    record Availability(boolean available, String reason) {
        public static Availability yes() {
            return new Availability(true, "available");
        }

        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
