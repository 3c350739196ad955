package dev.burnj.bench;

import dev.burnj.backend.ConvOptions;
import dev.burnj.nn.loss.CrossEntropyLoss;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Functional;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.IntTensor1;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of single tensor ops through the public API on one backend ({@code -p backend=nd4j} or {@code vulkan}): a tiny add with
 * and without autodiff (the per-op overhead that dominates small models), matmuls at the MLP's first layer and at
 * 1024³, cross-entropy forward+backward, and the CNN's second convolution forward and forward+backward. Each invocation frees its results, as a training step would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class TensorOpBenchmarks {
    @Param({"nd4j"})
    public String backend;

    private Device device;
    private Device autodiff;
    private Tensor1 tinyA;
    private Tensor1 tinyB;
    private Tensor1 tinyTracked;
    private Tensor2 bigA;
    private Tensor2 bigB;
    private Tensor2 mlpInput;
    private Tensor2 mlpWeight;
    private Tensor2 logitsTracked;
    private IntTensor1 targets;
    private final CrossEntropyLoss crossEntropy = CrossEntropyLoss.of();
    private Tensor4 convInput;
    private Tensor4 convWeight;
    private Tensor1 convBias;
    private Tensor4 convInputTracked;
    private Tensor4 convWeightTracked;
    private Tensor1 convBiasTracked;
    private final ConvOptions same3x3 = new ConvOptions(new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1);

    @Setup(Level.Trial)
    public void setUp() {
        device = Device.of(backend);
        autodiff = device.autodiff();
        TensorOptions on = TensorOptions.on(device);
        tinyA = Tensor1.randn(Shape.of(16), on);
        tinyB = Tensor1.randn(Shape.of(16), on);
        tinyTracked = tracked(tinyA);
        bigA = Tensor2.randn(Shape.of(1024, 1024), on);
        bigB = Tensor2.randn(Shape.of(1024, 1024), on);
        // fashion-mnist-mlp's first layer at batch 64, and its loss over 10 classes.
        mlpInput = Tensor2.randn(Shape.of(64, 784), on);
        mlpWeight = Tensor2.randn(Shape.of(784, 256), on);
        try (Tensor2 logits = Tensor2.randn(Shape.of(64, 10), on)) {
            logitsTracked = tracked(logits);
        }
        try (IntTensor1 classes = IntTensor1.full(Shape.of(64), 3, on)) {
            targets = classes.to(autodiff);
        }
        // fashion-mnist-cnn's second convolution: batch 64, 32 -> 64 channels, 14x14, 3x3 same padding.
        convInput = Tensor4.randn(Shape.of(64, 32, 14, 14), on);
        convWeight = Tensor4.randn(Shape.of(64, 32, 3, 3), on);
        convBias = Tensor1.randn(Shape.of(64), on);
        convInputTracked = tracked(convInput);
        convWeightTracked = tracked(convWeight);
        convBiasTracked = tracked(convBias);
    }

    /** A gradient-tracking copy of {@code t} on the autodiff device. */
    private <T extends FloatTensor<T, ?, ?>> T tracked(T t) {
        try (T moved = t.to(autodiff)) {
            return moved.requireGrad();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (var t : new AutoCloseable[] {tinyA, tinyB, tinyTracked, bigA, bigB, mlpInput, mlpWeight, logitsTracked, targets, convInput, convWeight, convBias, convInputTracked,
            convWeightTracked, convBiasTracked}) {
            try {
                t.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Benchmark
    public void tinyAdd() {
        tinyA.add(tinyB).close();
    }

    /** {@code x * 1.0001 + 0.0001} on a tracked 16-float tensor, then backward through both ops. */
    @Benchmark
    public void tinyAutodiffStep() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor1 y = tinyTracked.mul(1.0001).add(0.0001);
            try (Grads grads = y.sum().backward()) {
                grads.get(tinyTracked);
            }
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void matmul1024() {
        bigA.matmul(bigB).close();
    }

    /** The MLP's first layer, {@code [64, 784] · [784, 256]}. */
    @Benchmark
    public void matmulMlp() {
        mlpInput.matmul(mlpWeight).close();
    }

    /** Cross-entropy (log-softmax and NLL) of {@code [64, 10]} logits, forward and backward. */
    @Benchmark
    public void crossEntropyForwardBackward() {
        try (TensorScope scope = TensorScope.open()) {
            try (Grads grads = crossEntropy.forward(logitsTracked, targets).backward()) {
                grads.get(logitsTracked);
            }
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void conv2dForward() {
        Functional.conv2d(convInput, convWeight, convBias, same3x3).close();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void conv2dForwardBackward() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor4 y = Functional.conv2d(convInputTracked, convWeightTracked, convBiasTracked, same3x3);
            try (Grads grads = y.sum().backward()) {
                grads.get(convWeightTracked);
            }
        }
    }
}
