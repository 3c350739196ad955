package dev.burnj.conformance.support;

import dev.burnj.backend.ActivationOps;
import dev.burnj.backend.BoolOps;
import dev.burnj.backend.FloatOps;
import dev.burnj.backend.IntOps;
import dev.burnj.backend.ModuleOps;
import dev.burnj.backend.NumericOps;
import dev.burnj.backend.OptimizerOps;
import dev.burnj.backend.TensorOps;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Which SPI ops the run exercised: forward cases and direct tests record the op names they call, gradient checks
 * record theirs, and {@link CoverageReport} prints the totals (and what is missing) when the run ends.
 */
public final class Coverage {
    private static final Set<String> FORWARD = new ConcurrentSkipListSet<>();
    private static final Set<String> GRADIENT = new ConcurrentSkipListSet<>();

    /** The interfaces whose methods are tensor ops (the {@code Backend} interface itself adds only metadata). */
    private static final Class<?>[] OP_INTERFACES = {TensorOps.class, NumericOps.class, FloatOps.class, IntOps.class, BoolOps.class,
        ActivationOps.class, ModuleOps.class, OptimizerOps.class};

    private Coverage() {}

    /** Records that a forward check called SPI method {@code op}. */
    public static void forward(String op) {
        FORWARD.add(op);
    }

    /** Records that a gradient check differentiated through {@code op}. */
    public static void gradient(String op) {
        GRADIENT.add(op);
    }

    /** Names of every public op method of the SPI. */
    public static Set<String> spiOps() {
        Set<String> names = new TreeSet<>();
        for (Class<?> c : OP_INTERFACES) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) {
                    names.add(m.getName());
                }
            }
        }
        return names;
    }

    public static Set<String> forwardCovered() {
        Set<String> s = new TreeSet<>(FORWARD);
        s.retainAll(spiOps());
        return s;
    }

    public static Set<String> gradientCovered() {
        return new TreeSet<>(GRADIENT);
    }

    /** SPI ops no forward check has called. */
    public static Set<String> missing() {
        Set<String> s = spiOps();
        s.removeAll(FORWARD);
        return s;
    }
}
