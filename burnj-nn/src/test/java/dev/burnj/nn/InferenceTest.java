package dev.burnj.nn;

import static dev.burnj.nn.Support.AD;
import static dev.burnj.nn.Support.randoms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burnj.random.Generator;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.NoGrad;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorData;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The inference path: eval mode plus no-grad, safe from several threads on one trained model. */
class InferenceTest {
    private static final int THREADS = 4, CALLS = 60, BATCH = 5;

    private static float[] predict(ModuleCoreTest.Net net, double[] input, TensorOptions options) {
        return net.infer(() -> {
            try (TensorScope scope = TensorScope.open()) {
                Tensor2 x = Tensor2.from(TensorData.of(input, Shape.of(BATCH, 3)).convert(DType.F32), options.device());
                Tensor2 y = net.forward(x);
                assertFalse(y.requiresGrad(), "inference records no graph");
                return y.toFloatArray();
            }
        });
    }

    @Test
    void concurrentInferenceMatchesSequentialBitForBit() throws Exception {
        TensorOptions options = TensorOptions.on(AD).withDType(DType.F32).withGenerator(Generator.of(7));
        ModuleCoreTest.Net net = new ModuleCoreTest.Net(options);
        // A few training steps, so batch norm holds non-trivial running statistics.
        for (int step = 0; step < 3; step++) {
            try (TensorScope scope = TensorScope.open()) {
                Tensor2 x = Tensor2.from(TensorData.of(randoms(BATCH * 3, step), Shape.of(BATCH, 3)).convert(DType.F32), AD);
                try (Grads grads = net.forward(x).pow(2).mean().backward(); NoGrad ng = NoGrad.enter()) {
                    for (Param<?> p : net.parameters()) {
                        step(p, grads);
                    }
                }
            }
        }
        net.eval();
        double[][] inputs = new double[THREADS * CALLS][];
        float[][] expected = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = randoms(BATCH * 3, 100 + i);
            expected[i] = predict(net, inputs[i], options);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<float[][]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t * CALLS;
                results.add(pool.submit(() -> {
                    start.await();
                    float[][] out = new float[CALLS][];
                    for (int i = 0; i < CALLS; i++) {
                        out[i] = predict(net, inputs[first + i], options);
                    }
                    return out;
                }));
            }
            start.countDown();
            for (int t = 0; t < THREADS; t++) {
                float[][] out = results.get(t).get();
                for (int i = 0; i < CALLS; i++) {
                    assertArrayEquals(expected[t * CALLS + i], out[i], 0f, "thread " + t + ", call " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        net.close();
    }

    private static <T extends dev.burnj.tensor.FloatTensor<T, ?, ?>> void step(Param<T> p, Grads grads) {
        grads.find(p.value()).ifPresent(g -> p.set(p.value().sub(g.mul(0.1))));
    }

    @Test
    void inferenceRefusesTrainingMode() {
        ModuleCoreTest.Net net = new ModuleCoreTest.Net(TensorOptions.on(AD).withDType(DType.F32));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.infer(() -> 0));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("call eval()"), e.getMessage());
        net.close();
    }
}
