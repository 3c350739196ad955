package dev.burnj.cli;

import dev.burnj.backend.Backends;
import dev.burnj.cli.task.Tasks;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code burnj info}: the Java runtime, the backends with their devices or why they are unavailable, and the tasks. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Shows the Java runtime, the backends and devices available (and why others are not), and the task count.")
final class InfoCommand implements Callable<Integer> {
    @ParentCommand
    BurnjCommand parent;

    @Override
    public Integer call() {
        Runtime rt = Runtime.getRuntime();
        parent.out.println("burnj " + BurnjCommand.version());
        parent.out.println("java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ") at " + System.getProperty("java.home"));
        parent.out.printf(Locale.ROOT, "os: %s %s, %d cores, max heap %.1f GiB%n", System.getProperty("os.name"),
                System.getProperty("os.arch"), rt.availableProcessors(), rt.maxMemory() / (1024.0 * 1024 * 1024));
        String configured = System.getenv(Backends.BACKEND_ENV);
        parent.out.println("default backend: " + Backends.defaultBackendName() + (configured == null ? " (" + Backends.BACKEND_ENV + " unset)"
                : " (from " + Backends.BACKEND_ENV + ")"));
        parent.out.println("backends:");
        for (Backends.Info info : Backends.list()) {
            parent.out.println("  " + info.name() + ": " + (info.available() ? "available, devices " + info.devices()
                    : "unavailable: " + info.reason()));
        }
        parent.out.println("tasks: " + Tasks.list().size() + " (see 'burnj tasks')");
        return ExitCodes.OK;
    }
}
