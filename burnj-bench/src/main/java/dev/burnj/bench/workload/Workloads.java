package dev.burnj.bench.workload;

import dev.burnj.cli.fashion.FashionMnistCnn;
import dev.burnj.cli.fashion.FashionMnistMlp;
import dev.burnj.data.loader.ImageBatcher;
import java.util.List;
import java.util.Locale;

/** The five end-to-end workloads, W1 to W5, as {@code docs/performance.md} defines them. */
public final class Workloads {
    private Workloads() {}

    /** W1 to W5, in order. */
    public static List<Workload> all() {
        return List.of(
                new ClassifierEpoch<>("W1", "MLP epoch (fashion-mnist-mlp)", FashionMnistMlp::new, ImageBatcher.flat()),
                new ClassifierEpoch<>("W2", "CNN epoch (fashion-mnist-cnn)", FashionMnistCnn::new, ImageBatcher.nchw()),
                new GanSteps(),
                new Gemm(),
                new SmallOps());
    }

    /** The workload with id {@code id} (case-insensitive). */
    public static Workload byId(String id) {
        for (Workload w : all()) {
            if (w.id().equalsIgnoreCase(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("no workload " + id + "; expected one of W1, W2, W3, W4, W5");
    }

    /** The workloads of a comma-separated list such as {@code W1,W4}; {@code all} for every one. */
    public static List<Workload> parse(String list) {
        if (list.trim().toLowerCase(Locale.ROOT).equals("all")) {
            return all();
        }
        return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Workloads::byId).toList();
    }
}
