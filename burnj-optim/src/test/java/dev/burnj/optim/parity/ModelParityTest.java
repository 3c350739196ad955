package dev.burnj.optim.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.burnj.nn.BatchNorm2d;
import dev.burnj.nn.BatchNormConfig;
import dev.burnj.nn.Conv2d;
import dev.burnj.nn.Conv2dConfig;
import dev.burnj.nn.Linear;
import dev.burnj.nn.LinearConfig;
import dev.burnj.nn.MaxPool2d;
import dev.burnj.nn.MaxPool2dConfig;
import dev.burnj.nn.Module;
import dev.burnj.nn.Relu;
import dev.burnj.nn.Sequential;
import dev.burnj.nn.StateTensor;
import dev.burnj.nn.loss.CrossEntropyLoss;
import dev.burnj.nn.parity.Fixture;
import dev.burnj.optim.AdagradConfig;
import dev.burnj.optim.AdamConfig;
import dev.burnj.optim.AdamWConfig;
import dev.burnj.optim.Optimizer;
import dev.burnj.optim.OptimizerConfig;
import dev.burnj.optim.RmsPropConfig;
import dev.burnj.optim.SgdConfig;
import dev.burnj.optim.lr.StepScheduler;
import dev.burnj.record.ModuleRecord;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.IntTensor1;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorData;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A small MLP and a small CNN (conv, BatchNorm2d, ReLU, max-pool, linear) trained by burnj for 5 steps with each
 * optimizer and scheduler, against PyTorch ({@code parity/<model>_<dtype>_*.safetensors}): the initial weights are
 * loaded with {@link ModuleRecord}, then the loss, every gradient after one backward, the per-step losses and the
 * weights and BatchNorm running statistics after 5 steps are compared. F64 element-wise within 1e-9; F32 per tensor
 * {@code ||burnj - torch|| / ||torch||} within 1e-5 (loss, gradients) and 1e-4 (after 5 steps). The worst measured
 * errors are written to {@code target/parity-errors.txt} for docs/design/parity.md.
 */
class ModelParityTest {
    private static final Device AD = Device.of("nd4j").autodiff();
    private static final Map<String, Double> WORST = new TreeMap<>();

    /** conv (no bias) → BatchNorm2d → ReLU → MaxPool2d(2) → flatten → Linear; the field names give PyTorch's state names. */
    static final class Cnn extends Module {
        final Conv2d conv;
        final BatchNorm2d bn;
        final Linear fc;
        private final Relu relu = new Relu();
        private final MaxPool2d pool = MaxPool2dConfig.of(2).init();

        Cnn(TensorOptions options) {
            conv = Conv2dConfig.of(1, 4, 3).withBias(false).init(options);
            bn = BatchNormConfig.of(4).init2d(options);
            fc = LinearConfig.of(4 * 3 * 3, 3).init(options);
        }

        Tensor2 forward(Tensor4 x) {
            try (TensorScope scope = TensorScope.open()) {
                Tensor4 h = pool.forward(relu.forward(bn.forward(conv.forward(x))));
                return scope.keep(fc.forward(h.reshape(h.dim(0), h.dim(1) * h.dim(2) * h.dim(3))));
            }
        }
    }

    /** A model under test: the module and its forward from the fixture's input. */
    record Model(Module module, Function<TensorData, Tensor2> forward) {}

    private static Model model(String kind, TensorOptions options) {
        if (kind.equals("mlp")) {
            Linear fc1 = LinearConfig.of(12, 16).init(options);
            Relu relu = new Relu();
            Linear fc2 = LinearConfig.of(16, 5).init(options);
            Sequential<Tensor2> mlp = Sequential.builder(Tensor2.class).add(fc1, fc1::forward).add(relu, relu::forward).add(fc2, fc2::forward)
                    .build();
            return new Model(mlp, x -> mlp.forward(Tensor2.from(x, options.device())));
        }
        Cnn cnn = new Cnn(options);
        return new Model(cnn, x -> cnn.forward(Tensor4.from(x, options.device())));
    }

    private static OptimizerConfig<?> optimizer(String name, JsonNode c) {
        OptimizerConfig<?> config = switch (name) {
            case "SGD" -> SgdConfig.of().withMomentum(c.path("momentum").asDouble(0)).withDampening(c.path("dampening").asDouble(0))
                    .withNesterov(c.path("nesterov").asBoolean(false));
            case "Adam" -> betas(AdamConfig.of().withEps(c.path("eps").asDouble(1e-8)).withAmsgrad(c.path("amsgrad").asBoolean(false)), c);
            case "AdamW" -> c.has("betas") ? AdamWConfig.of().withBetas(c.get("betas").get(0).asDouble(), c.get("betas").get(1).asDouble())
                    : AdamWConfig.of();
            case "RMSprop" -> RmsPropConfig.of().withAlpha(c.path("alpha").asDouble(0.99)).withEps(c.path("eps").asDouble(1e-8))
                    .withMomentum(c.path("momentum").asDouble(0)).withCentered(c.path("centered").asBoolean(false));
            case "Adagrad" -> AdagradConfig.of().withLrDecay(c.path("lr_decay").asDouble(0))
                    .withInitialAccumulator(c.path("initial_accumulator_value").asDouble(0)).withEps(c.path("eps").asDouble(1e-10));
            default -> throw new IllegalArgumentException("no burnj optimizer for torch." + name);
        };
        // Without an explicit weight decay each burnj config keeps its default, which must be PyTorch's (0.01 for AdamW).
        config = config.withLr(c.get("lr").asDouble());
        return c.has("weight_decay") ? config.withWeightDecay(c.get("weight_decay").asDouble()) : config;
    }

    private static AdamConfig betas(AdamConfig config, JsonNode c) {
        return c.has("betas") ? config.withBetas(c.get("betas").get(0).asDouble(), c.get("betas").get(1).asDouble()) : config;
    }

    @TestFactory
    Stream<DynamicTest> burnjTrainsLikePytorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String kind : List.of("mlp", "cnn")) {
            for (DType dtype : List.of(DType.F64, DType.F32)) {
                String prefix = kind + "_" + dtype.name().toLowerCase(java.util.Locale.ROOT);
                Path dir = Fixture.resourceDir(getClass(), "");
                Path init = dir.resolve(prefix + "_init.safetensors");
                Fixture runs = Fixture.read(dir.resolve(prefix + "_runs.safetensors"));
                TensorOptions options = TensorOptions.on(AD).withDType(dtype);
                tests.add(DynamicTest.dynamicTest(prefix + " loss and gradients", () -> Fixture.withoutLeaks(prefix, AD,
                        () -> lossAndGradients(kind, options, init, runs))));
                Iterator<Map.Entry<String, JsonNode>> it = runs.meta("runs").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> run = it.next();
                    tests.add(DynamicTest.dynamicTest(prefix + " " + run.getKey(), () -> Fixture.withoutLeaks(prefix + " " + run.getKey(), AD,
                            () -> train(kind, options, init, runs, run.getKey(), run.getValue()))));
                }
            }
        }
        return tests.stream();
    }

    private static Model loaded(String kind, TensorOptions options, Path init) throws IOException {
        Model model = model(kind, options);
        ModuleRecord.load(model.module(), init);
        model.module().train();
        return model;
    }

    private static void lossAndGradients(String kind, TensorOptions options, Path init, Fixture runs) throws IOException {
        Model model = loaded(kind, options, init);
        String group = runs.name().replace("_runs", "") + " loss+grads";
        try (Module module = model.module(); TensorScope scope = TensorScope.open()) {
            Tensor1 loss = loss(model, runs);
            check(group, runs.name() + " loss", runs.get("loss"), loss, 1e-5);
            try (Grads grads = loss.backward()) {
                for (Map.Entry<String, ? extends StateTensor<?>> p : module.namedParameters().entrySet()) {
                    check(group, runs.name() + " grad." + p.getKey(), runs.get("grad." + p.getKey()), gradOf(grads, p.getValue()), 1e-5);
                }
            }
        }
    }

    private static void train(String kind, TensorOptions options, Path init, Fixture runs, String run, JsonNode spec) throws IOException {
        Model model = loaded(kind, options, init);
        Optimizer optimizer = optimizer(spec.get("optimizer").asText(), spec.get("config")).init();
        StepScheduler scheduler = spec.get("scheduler").isNull() ? null : TorchSchedulers.step(spec.get("scheduler").asText(),
                spec.get("scheduler_config"));
        String group = runs.name().replace("_runs", "") + " " + spec.get("optimizer").asText();
        try (Module module = model.module(); optimizer) {
            if (scheduler != null) {
                scheduler.applyTo(optimizer);
            }
            int steps = Integer.parseInt(runs.metaText("steps"));
            double[] losses = new double[steps];
            for (int t = 0; t < steps; t++) {
                try (TensorScope scope = TensorScope.open()) {
                    Tensor1 loss = loss(model, runs);
                    losses[t] = loss.item();
                    try (Grads grads = loss.backward()) {
                        optimizer.step(module, grads);
                    }
                }
                if (scheduler != null) {
                    scheduler.step(optimizer);
                }
            }
            try (Tensor1 seen = Tensor1.from(TensorData.of(losses, dev.burnj.tensor.Shape.of(steps)).convert(runs.get("loss").dtype()),
                    Device.of("nd4j"))) {
                check(group, run + " per-step losses", runs.get(run + ".losses"), seen, 1e-4);
            }
            for (Map.Entry<String, ? extends StateTensor<?>> s : module.namedState().entrySet()) {
                check(group, runs.name() + " " + run + "." + s.getKey() + " after " + steps + " steps",
                        Fixture.asStateForm(runs.get(run + "." + s.getKey()), s.getValue().value()), s.getValue().value(), 1e-4);
            }
        }
    }

    private static Tensor1 loss(Model model, Fixture runs) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor2 logits = model.forward().apply(runs.get("input"));
            return scope.keep(CrossEntropyLoss.of().forward(logits, IntTensor1.from(runs.get("target"), AD)));
        }
    }

    /** F64 element-wise within 1e-9; F32 per tensor within {@code f32Tol}; records the worst error of {@code group}. */
    private static void check(String group, String what, TensorData expected, FloatTensor<?, ?, ?> actual, double f32Tol) {
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        double err = actual.dtype() == DType.F64 ? Fixture.assertElementwise(what, expected, actual, 1e-9)
                : Fixture.assertNormRatio(what, expected, actual, f32Tol);
        synchronized (WORST) {
            WORST.merge(group, err, Math::max);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static FloatTensor<?, ?, ?> gradOf(Grads grads, StateTensor<?> param) {
        java.util.Optional<?> grad = grads.find((FloatTensor) param.value());
        assertTrue(grad.isPresent(), "no burnj gradient for a " + param.shape() + " parameter");
        return (FloatTensor<?, ?, ?>) grad.get();
    }

    @AfterAll
    static void writeWorstErrors() throws IOException {
        StringBuilder out = new StringBuilder();
        WORST.forEach((k, v) -> out.append(k).append('\t').append(String.format(java.util.Locale.ROOT, "%.2e", v)).append('\n'));
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("parity-errors.txt"), out);
        }
    }
}
