package dev.burnj.testkit;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Skip-or-fail for tests that need something the machine may lack (a dataset, a GPU): a missing requirement skips
 * the test with a printed reason, unless the environment variable {@code BURNJ_REQUIRE} (comma-separated names, e.g.
 * {@code fashion-mnist,vulkan}; also the system property {@code burnj.require}) names it — then it fails, so that a
 * CI machine that is meant to have the data cannot silently skip.
 */
public final class Requirement {
    /** The environment variable listing requirements that must be met. */
    public static final String ENV = "BURNJ_REQUIRE";

    private Requirement() {}

    /** Skips the calling test if {@code available} is false, or fails it if {@code name} is required. */
    public static void assumeOrFail(String name, boolean available, String reason) {
        assumeOrFail(name, available, reason, spec());
    }

    /** As {@link #assumeOrFail(String, boolean, String)} with an explicit requirement list instead of the environment. */
    public static void assumeOrFail(String name, boolean available, String reason, String requireSpec) {
        if (available) {
            return;
        }
        if (required(name, requireSpec)) {
            Assertions.fail("required '" + name + "' (listed in " + ENV + "=" + requireSpec + ") is not available: " + reason);
        }
        System.out.println("[skipped] " + name + " not available: " + reason);
        Assumptions.abort(name + " not available: " + reason);
    }

    /** Whether {@code name} is listed in {@code requireSpec} (comma-separated, case-insensitive, blanks ignored). */
    public static boolean required(String name, String requireSpec) {
        return parse(requireSpec).contains(name.trim().toLowerCase());
    }

    /** The requirement list in force: {@code BURNJ_REQUIRE}, else the system property {@code burnj.require}. */
    public static String spec() {
        String env = System.getenv(ENV);
        return env != null ? env : System.getProperty("burnj.require", "");
    }

    private static Set<String> parse(String spec) {
        if (spec == null) {
            return Set.of();
        }
        return Arrays.stream(spec.split(","))
                .map(s -> s.trim().toLowerCase())
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
