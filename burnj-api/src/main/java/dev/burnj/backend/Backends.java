package dev.burnj.backend;

import dev.burnj.tensor.Device;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backend registry: finds backends and decorators with {@link ServiceLoader}, creates each once, resolves
 * device specifications such as {@code "nd4j:0"} or {@code "autodiff(nd4j)"}, and picks the default backend.
 */
public final class Backends {
    /** Environment variable (or system property {@code burnj.backend}) naming the default backend. */
    public static final String BACKEND_ENV = "BURNJ_BACKEND";
    /**
     * The backends the default is chosen from when nothing is configured, in order of preference: the first one on the
     * class path. Both run on any x86-64 Linux CPU; a GPU backend is never picked automatically.
     */
    public static final List<String> DEFAULT_BACKENDS = List.of("cpu", "nd4j");

    private static final Pattern SPEC = Pattern.compile("^\\s*(?:([a-z0-9_-]+)\\(\\s*([a-z0-9_-]+)\\s*\\)|([a-z0-9_-]+))\\s*(?::\\s*(\\d+))?\\s*$");
    private static final Map<String, Backend> BACKENDS = new ConcurrentHashMap<>();
    private static final Map<String, Backend> DECORATED = new ConcurrentHashMap<>();
    // Looking a provider up scans the class path, and the default is asked for on every tensor built without options.
    private static volatile String fallback;

    private Backends() {}

    /** What is known about one registered backend. */
    public record Info(String name, boolean available, String reason, List<Device> devices) {
        @Override
        public String toString() {
            return available ? name + ": " + devices : name + ": unavailable (" + reason + ")";
        }
    }

    /** Every backend on the class path, with its availability and, when available, its devices. */
    public static List<Info> list() {
        List<Info> out = new ArrayList<>();
        for (BackendProvider p : providers().values()) {
            BackendProvider.Availability a = p.availability();
            if (!a.available()) {
                out.add(new Info(p.name(), false, a.reason(), List.of()));
                continue;
            }
            try {
                out.add(new Info(p.name(), true, a.reason(), get(p.name()).devices()));
            } catch (RuntimeException | LinkageError e) {
                out.add(new Info(p.name(), false, "failed to start: " + e, List.of()));
            }
        }
        return out;
    }

    /** The backend named {@code name}, creating it on first use; decorated names such as {@code autodiff(nd4j)} work too. */
    public static Backend get(String name) {
        Matcher m = SPEC.matcher(name);
        if (!m.matches() || m.group(4) != null) {
            throw new IllegalArgumentException("backend name '" + name + "' is not of the form 'nd4j' or 'autodiff(nd4j)'");
        }
        if (m.group(1) != null) {
            return decorate(m.group(1), get(m.group(2)));
        }
        String plain = m.group(3);
        Backend existing = BACKENDS.get(plain);
        if (existing != null) {
            return existing;
        }
        synchronized (BACKENDS) {
            existing = BACKENDS.get(plain);
            if (existing != null) {
                return existing;
            }
            Map<String, BackendProvider> providers = providers();
            BackendProvider provider = providers.get(plain);
            if (provider == null) {
                throw new IllegalArgumentException("no backend named '" + plain + "' on the class path; found " + providers.keySet()
                        + " (add its module, e.g. dev.burnj:burnj-backend-" + plain + ")");
            }
            BackendProvider.Availability a = provider.availability();
            if (!a.available()) {
                throw new IllegalStateException("backend '" + plain + "' is unavailable: " + a.reason());
            }
            Backend backend = provider.create();
            BACKENDS.put(plain, backend);
            return backend;
        }
    }

    /** {@code inner} wrapped by the decorator named {@code decorator}; the same instance for the same pair. */
    public static Backend decorate(String decorator, Backend inner) {
        String key = decorator + "(" + inner.name() + ")";
        return DECORATED.computeIfAbsent(key, k -> {
            for (BackendDecorator d : ServiceLoader.load(BackendDecorator.class, classLoader())) {
                if (d.name().equals(decorator)) {
                    return d.decorate(inner);
                }
            }
            throw new IllegalArgumentException("no backend decorator named '" + decorator + "' on the class path"
                    + ("autodiff".equals(decorator) ? " (add dev.burnj:burnj-autodiff)" : ""));
        });
    }

    /**
     * The device for a specification {@code name[:index]} or {@code decorator(name)[:index]}, e.g.
     * {@code "nd4j"}, {@code "nd4j:0"}, {@code "autodiff(nd4j)"}.
     */
    public static Device device(String spec) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("device '" + spec + "' is not of the form 'nd4j', 'nd4j:0' or 'autodiff(nd4j):0'");
        }
        String name = m.group(1) != null ? m.group(1) + "(" + m.group(2) + ")" : m.group(3);
        Backend backend = get(name);
        int index = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        List<Device> devices = backend.devices();
        if (index >= devices.size()) {
            throw new IllegalArgumentException("device '" + spec + "': backend " + backend.name() + " has " + devices.size() + " device(s)");
        }
        return devices.get(index);
    }

    /**
     * The name of the default backend: {@code BURNJ_BACKEND} (property {@code burnj.backend} first), else the first of
     * {@link #DEFAULT_BACKENDS} on the class path (the first of them when none is, so that the error names it). The
     * class path is looked at until one of them is found, then that choice holds for the life of the JVM.
     */
    public static String defaultBackendName() {
        String configured = System.getProperty("burnj.backend");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(BACKEND_ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String found = fallback;
        if (found == null) {
            Map<String, BackendProvider> present = providers();
            found = DEFAULT_BACKENDS.stream().filter(present::containsKey).findFirst().orElse(null);
            if (found == null) {
                return DEFAULT_BACKENDS.get(0);
            }
            fallback = found;
        }
        return found;
    }

    /** The default backend (see {@link #defaultBackendName()}). */
    public static Backend defaultBackend() {
        return get(defaultBackendName());
    }

    private static Map<String, BackendProvider> providers() {
        Map<String, BackendProvider> out = new LinkedHashMap<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class, classLoader())) {
            out.putIfAbsent(p.name(), p);
        }
        return out;
    }

    // The context loader sees jars added at run time (notebook kernels, plug-in hosts).
    private static ClassLoader classLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : Backends.class.getClassLoader();
    }
}
