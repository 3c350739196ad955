package dev.burnj.bench;

import dev.burnj.bench.workload.Measurement;
import dev.burnj.bench.workload.ResultTable;
import dev.burnj.bench.workload.Workload;
import dev.burnj.bench.workload.WorkloadContext;
import dev.burnj.bench.workload.WorkloadResult;
import dev.burnj.bench.workload.Workloads;
import dev.burnj.tensor.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code burnj-bench workloads}: runs W1–W5 on one backend and prints one JSON line per workload, then a Markdown
 * table. {@code bench/compare.py} runs it beside the PyTorch counterpart.
 */
@Command(name = "workloads", mixinStandardHelpOptions = true,
        description = "Runs the end-to-end workloads W1-W5 (docs/performance.md) on one backend: a JSON line per workload, then a Markdown table.")
public final class WorkloadsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME", description = "The backend (default: BURNJ_BACKEND, else cpu, else nd4j).")
    String backend;

    @Option(names = "--workloads", paramLabel = "LIST", defaultValue = "all", description = "Comma-separated ids, e.g. W1,W4 (default: ${DEFAULT-VALUE}).")
    String workloads;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Timed runs per workload; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "1", description = "Untimed warm-up runs before them (default: ${DEFAULT-VALUE}).")
    int warmUps;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "0",
            description = "Cuts the training workloads W1-W3 to N steps; 0 runs the full definitions (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seeds weights, data order and noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also appends the JSON lines to FILE.")
    Path json;

    @Override
    public Integer call() throws IOException {
        if (runs < 1 || warmUps < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--runs must be >= 1 and --warmups >= 0, got " + runs + " and " + warmUps);
        }
        List<Workload> selected;
        try {
            selected = Workloads.parse(workloads);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Device device = backend == null ? Device.defaultDevice() : Device.of(backend);
        PrintWriter out = spec.commandLine().getOut();
        WorkloadContext context = new WorkloadContext(device, seed, maxSteps);
        List<WorkloadResult> results = new ArrayList<>();
        for (Workload w : selected) {
            List<Measurement> measured;
            try {
                measured = w.run(context, warmUps, runs);
            } catch (Exception e) {
                throw new IllegalStateException(w.id() + " (" + w.title() + ") failed on " + device + ": " + e.getMessage(), e);
            }
            WorkloadResult result = WorkloadResult.of(w, device.toString(), measured, maxSteps);
            results.add(result);
            out.println(result.toJson());
            out.flush();
            if (json != null) {
                Files.writeString(json, result.toJson() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
        out.println();
        out.print(ResultTable.markdown(results));
        out.flush();
        return 0;
    }
}
