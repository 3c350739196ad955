package dev.burnj.cli.fashion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.Backends;
import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledImage;
import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.loader.DataLoaderConfig;
import dev.burnj.data.loader.ImageBatcher;
import dev.burnj.data.source.DataNotFoundException;
import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.nn.Linear;
import dev.burnj.nn.LinearConfig;
import dev.burnj.nn.Module;
import dev.burnj.nn.Param;
import dev.burnj.nn.loss.CrossEntropyLoss;
import dev.burnj.optim.AdamConfig;
import dev.burnj.optim.Optimizer;
import dev.burnj.optim.ParamGrads;
import dev.burnj.random.Generator;
import dev.burnj.record.ModuleRecord;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Kind;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import dev.burnj.testkit.Requirement;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Vulkan backend trains like the reference: the {@code fashion-mnist-mlp} network without dropout (so that the
 * runs draw no random numbers), the same initial weights (built on nd4j, carried to vulkan through a
 * {@link ModuleRecord} file), the same Fashion-MNIST batches in file order and Adam 1e-3 give the same loss at every
 * step.
 *
 * <p>In F64 the runs agree for the 200 steps (to about 5e-16 on lavapipe, asserted within 1e-9). In F32
 * they agree to about 2e-7 for 82 steps, then jump apart (1e-4 at step 83, 9e-3 by step 199 on lavapipe). Comparing
 * the gradients step by step shows why: at step 82 the losses and fc2's gradients still agree to 2e-7, but hidden
 * unit 239's pre-activation for one sample of the batch lies within rounding of zero, the backends' different
 * summation orders put it on different sides, ReLU passes that sample's gradient on one backend only (fc1's bias
 * gradient for the unit: -5.30e-3 against -5.88e-3), and Adam's normalised update turns the difference into a
 * full-size step. ND4J's F32 run happened to track its F64 run within 4e-7 for all 200 steps (no such near-zero
 * pre-activation fell on the other side there); which F32 run flips where is chance, set by each backend's rounding,
 * so F32 is checked for the first 50 steps only.
 */
class VulkanMatchesNd4jTest {
    private static final int BATCH = 64;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTheDataAndADevice() {
        try {
            FashionMnistDataset.train();
        } catch (DataNotFoundException e) {
            Requirement.assumeOrFail("fashion-mnist", false, e.getMessage());
        }
        Backends.Info vulkan = Backends.list().stream().filter(i -> i.name().equals("vulkan")).findFirst().orElseThrow();
        Requirement.assumeOrFail("vulkan", vulkan.available(), vulkan.reason());
    }

    /** {@link FashionMnistMlp} minus the dropout: 784 → 256 ReLU → 10, cross-entropy, in the options' float dtype. */
    static final class Mlp extends Module {
        private final Linear fc1;
        private final Linear fc2;
        private final transient DType dtype;
        private final transient CrossEntropyLoss loss = CrossEntropyLoss.of();

        Mlp(TensorOptions options) {
            fc1 = LinearConfig.of(784, 256).init(options);
            fc2 = LinearConfig.of(256, 10).init(options);
            dtype = options.dtype(Kind.FLOAT);
        }

        Tensor1 loss(ClassificationBatch<Tensor2> batch) {
            try (TensorScope scope = TensorScope.open()) {
                Tensor2 x = batch.inputs().dtype() == dtype ? batch.inputs() : batch.inputs().cast(dtype);
                return scope.keep(loss.forward(fc2.forward(fc1.forward(x).relu()), batch.targets()));
            }
        }
    }

    /** One model, its optimizer and its batches on one device. */
    private static final class Run {
        final Mlp model;
        final Optimizer adam = AdamConfig.of().withLr(1e-3).init();
        final DataLoader<LabeledImage, ClassificationBatch<Tensor2>> loader;
        final Iterator<ClassificationBatch<Tensor2>> batches;
        long nanos;

        Run(Mlp model, Dataset<LabeledImage> images, Device device) {
            this.model = model;
            loader = DataLoader.of(images, ImageBatcher.flat(), DataLoaderConfig.of(BATCH), device);
            batches = loader.iterator();
        }

        /** The loss of the next batch, before the update it drives. */
        double step() {
            long start = System.nanoTime();
            try (TensorScope scope = TensorScope.open()) {
                Tensor1 loss = model.loss(batches.next());
                double value = loss.item();
                try (Grads g = loss.backward(); ParamGrads grads = ParamGrads.from(model, g)) {
                    adam.step(model, grads);
                }
                nanos += System.nanoTime() - start;
                return value;
            }
        }
    }

    @Test
    void f64LossAgreesForTwoHundredSteps() throws Exception {
        compare(DType.F64, 200, 1e-9);
    }

    @Test
    void f32LossAgreesForFiftySteps() throws Exception {
        compare(DType.F32, 50, 1e-4);
    }

    private void compare(DType dtype, int steps, double relative) throws Exception {
        Device nd4j = Backends.device("nd4j:0").autodiff();
        Device vulkan = Backends.device("vulkan:0").autodiff();
        Mlp reference = new Mlp(TensorOptions.on(nd4j).withDType(dtype).withGenerator(Generator.of(7)));
        // Another seed, so that only the loaded file can make the weights equal.
        Mlp model = new Mlp(TensorOptions.on(vulkan).withDType(dtype).withGenerator(Generator.of(8)));
        Path weights = dir.resolve("mlp.safetensors");
        ModuleRecord.save(reference, weights);
        ModuleRecord.load(model, weights);
        Map<String, Param<?>> loaded = model.namedParameters();
        for (Map.Entry<String, Param<?>> e : reference.namedParameters().entrySet()) {
            assertArrayEquals(e.getValue().value().toDoubleArray(), loaded.get(e.getKey()).value().toDoubleArray(), e.getKey());
        }

        Dataset<LabeledImage> images = FashionMnistDataset.normalized(FashionMnistDataset.train().range(0, steps * BATCH));
        Run cpu = new Run(reference, images, nd4j);
        Run gpu = new Run(model, images, vulkan);
        try (cpu.loader; gpu.loader; cpu.adam; gpu.adam; reference; model) {
            double first = Double.NaN;
            double last = Double.NaN;
            double worst = 0;
            for (int step = 0; step < steps; step++) {
                double expected = cpu.step();
                double actual = gpu.step();
                double error = Math.abs(actual - expected) / Math.abs(expected);
                assertTrue(error <= relative, String.format(Locale.ROOT, "%s step %d: vulkan loss %.10f, nd4j %.10f", dtype, step, actual, expected));
                worst = Math.max(worst, error);
                first = step == 0 ? expected : first;
                last = expected;
            }
            System.out.printf(Locale.ROOT, "[vulkan vs nd4j] %s: %d steps, worst relative loss difference %.1e (loss %.4f -> %.4f); "
                    + "per step: vulkan %.1f ms, nd4j %.1f ms%n", dtype, steps, worst, first, last, gpu.nanos / 1e6 / steps, cpu.nanos / 1e6 / steps);
            // The comparison means something only if the runs actually trained.
            assertTrue(last < first * 0.8, "loss fell from " + first + " to " + last);
            assertFalse(gpu.batches.hasNext());
        }
    }
}
