package dev.burnj.cli;

import dev.burnj.backend.Backends;
import dev.burnj.cli.task.ConfigOverrides;
import dev.burnj.tensor.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options {@code train} and {@code eval} share: where to run and how to override the task's hyper-parameters. */
final class TaskOptions {
    @Option(names = "--backend", paramLabel = "NAME",
            description = "A registered backend (see 'burnj info'); default: $BURNJ_BACKEND, else cpu (nd4j if cpu is absent). A GPU is never picked automatically.")
    String backend;

    @Option(names = "--device", paramLabel = "N", defaultValue = "0", description = "The device index within the backend (default: ${DEFAULT-VALUE}).")
    int device;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seeds the model, the data order and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "0", description = "Data-loading threads; 0 loads on the training thread (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--batch-size", paramLabel = "N", description = "Sets hyper-parameter batch_size.")
    Integer batchSize;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Sets a hyper-parameter (repeatable; 'burnj tasks' lists the keys).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE.json", description = "A JSON object of hyper-parameters.")
    Path config;

    /** The device with autodiff. */
    Device device() {
        String name = backend != null ? backend : Backends.defaultBackendName();
        if (device < 0) {
            throw new UsageException("--device must be >= 0, got " + device);
        }
        if (workers < 0) {
            throw new UsageException("--workers must be >= 0, got " + workers);
        }
        try {
            return Backends.device(name + ":" + device).autodiff();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--backend " + name + " --device " + device + ": " + e.getMessage(), e);
        }
    }

    /** The overrides in precedence order: --config, each --set, then the typed flags (--batch-size here). */
    ConfigOverrides overrides() {
        ConfigOverrides o = ConfigOverrides.none();
        if (config != null) {
            o = o.withFile(config);
        }
        for (String s : sets) {
            o = o.withSet(s);
        }
        if (batchSize != null) {
            o = o.withFlag("--batch-size", "batch_size", batchSize);
        }
        return o;
    }
}
