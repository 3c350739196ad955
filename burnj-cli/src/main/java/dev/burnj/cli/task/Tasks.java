package dev.burnj.cli.task;

import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The task registry: every {@link TrainingTask} on the class path, found with {@link ServiceLoader}, by name. */
public final class Tasks {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Tasks() {}

    /** Every task, sorted by name. */
    public static List<TrainingTask<?, ?, ?, ?>> list() {
        return List.copyOf(byName().values());
    }

    /**
     * The task named {@code name}.
     *
     * @throws UnknownTaskException if there is none, listing the names there are
     */
    public static TrainingTask<?, ?, ?, ?> get(String name) {
        Map<String, TrainingTask<?, ?, ?, ?>> tasks = byName();
        TrainingTask<?, ?, ?, ?> task = tasks.get(name);
        if (task == null) {
            throw new UnknownTaskException("no task named '" + name + "'; " + (tasks.isEmpty()
                    ? "no task is on the class path (add a jar that provides dev.burnj.cli.task.TrainingTask)"
                    : "the tasks are " + String.join(", ", tasks.keySet()) + " (see 'burnj tasks')"));
        }
        return task;
    }

    private static Map<String, TrainingTask<?, ?, ?, ?>> byName() {
        Map<String, TrainingTask<?, ?, ?, ?>> out = new TreeMap<>();
        try {
            for (TrainingTask<?, ?, ?, ?> task : ServiceLoader.load(TrainingTask.class, classLoader())) {
                String name = task.name();
                if (name == null || !NAME.matcher(name).matches()) {
                    throw new IllegalStateException("task " + task.getClass().getName() + " has the name '" + name
                            + "'; a task name is lower-case letters, digits and single dashes");
                }
                TrainingTask<?, ?, ?, ?> other = out.putIfAbsent(name, task);
                if (other != null && other.getClass() != task.getClass()) {
                    throw new IllegalStateException("two tasks are named '" + name + "': " + other.getClass().getName() + " and "
                            + task.getClass().getName());
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a task on the class path cannot be loaded: " + e.getMessage(), e);
        }
        return out;
    }

    // The context loader sees jars added at run time, as Backends does.
    private static ClassLoader classLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : Tasks.class.getClassLoader();
    }
}
