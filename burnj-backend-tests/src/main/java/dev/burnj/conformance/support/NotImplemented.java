package dev.burnj.conformance.support;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;

/**
 * The SPI ops a backend under test declares it does not implement yet, for backends built up over several
 * increments. A backend's suite lists them in the configuration parameter {@value #PARAMETER} (comma-separated);
 * a test that then fails with {@code UnsupportedOperationException("<backend>: <op> is not implemented yet")} for a
 * listed op is skipped with that reason instead of failing, and {@link CoverageReport} prints the list. With no
 * list (the default) nothing is skipped, and an unimplemented op fails its tests as before.
 */
public final class NotImplemented {
    /** Configuration parameter (or system property) listing the ops the backend does not implement yet. */
    public static final String PARAMETER = "burnj.conformance.notImplemented";

    private static final Pattern MESSAGE = Pattern.compile("^[A-Za-z0-9_()-]+: ([A-Za-z0-9_]+) is not implemented yet$");
    private static volatile Set<String> declared = Set.of();
    private static final Set<String> reported = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger skipped = new AtomicInteger();

    private NotImplemented() {}

    /** Sets the declared list from {@value #PARAMETER}'s value (null or blank: none). */
    public static void declare(String list) {
        declared = list == null || list.isBlank() ? Set.of()
                : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public static Set<String> declared() {
        return new TreeSet<>(declared);
    }

    /** Tests skipped so far because they reached a declared op. */
    public static int skipped() {
        return skipped.get();
    }

    /**
     * Aborts the current test (JUnit reports it as skipped) when {@code failure}, or one of its causes, is the
     * not-implemented error of a declared op; otherwise returns so that the caller rethrows.
     */
    public static void skipIfDeclared(String test, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedOperationException && t.getMessage() != null) {
                Matcher m = MESSAGE.matcher(t.getMessage());
                if (m.matches() && declared.contains(m.group(1))) {
                    skipped.incrementAndGet();
                    if (reported.add(m.group(1))) {
                        System.out.println("[conformance] skipping tests that need " + m.group(1) + ": " + t.getMessage()
                                + " (declared in " + PARAMETER + "), first: " + test);
                    }
                    throw new TestAbortedException(test + " skipped: " + t.getMessage(), failure);
                }
            }
        }
    }
}
