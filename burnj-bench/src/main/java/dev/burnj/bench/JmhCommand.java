package dev.burnj.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code burnj-bench jmh [JMH options]}: the JMH microbenchmarks, every argument passed to JMH's own command line. */
@Command(name = "jmh", description = "Runs the JMH microbenchmarks (TensorOpBenchmarks, DataLoaderBenchmarks, ArrowLoaderBenchmarks); "
        + "every argument goes to JMH, e.g. 'jmh TensorOpBenchmarks -p backend=vulkan' or 'jmh -h'.")
public final class JmhCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "JMH-ARGS")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(args.toArray(String[]::new));
        return 0;
    }
}
