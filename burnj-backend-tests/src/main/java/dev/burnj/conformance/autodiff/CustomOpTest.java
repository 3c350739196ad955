package dev.burnj.conformance.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.Backend;
import dev.burnj.backend.CustomOp;
import dev.burnj.backend.Gradients;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** User-defined ops take part in the graph like built-in ones: forward on the inner backend, backward by the op. */
// Counts live nodes, which are shared by every test using this backend: never run concurrently with others.
@Isolated
class CustomOpTest extends AutodiffTestBase {
    private static final double EPS = 1e-4;

    CustomOpTest(BackendUnderTest backend) {
        super(backend);
    }

    /** {@code x^2} with {@code d/dx = 2x}; counts its backward calls and checks it runs untracked. */
    private static final class Square implements CustomOp {
        final AtomicInteger backwardCalls = new AtomicInteger();
        final List<String> problems = new ArrayList<>();

        @Override
        public String name() {
            return "square";
        }

        @Override
        public TensorPrimitive forward(Backend backend, List<TensorPrimitive> inputs) {
            if (backend.isAutodiff()) {
                problems.add("forward ran on " + backend.name());
            }
            return backend.mul(inputs.get(0), inputs.get(0));
        }

        @Override
        public List<TensorPrimitive> backward(Backend backend, List<TensorPrimitive> inputs, TensorPrimitive output, TensorPrimitive outputGrad) {
            backwardCalls.incrementAndGet();
            if (backend.isAutodiff()) {
                problems.add("backward ran on " + backend.name());
            }
            TensorPrimitive scaled = backend.mul(inputs.get(0), outputGrad);
            try {
                return List.of(backend.mulScalar(scaled, 2));
            } finally {
                scaled.release();
            }
        }
    }

    /** {@code a * b}, whose backward gives a gradient to each input. */
    private static final class Product implements CustomOp {
        @Override
        public String name() {
            return "product";
        }

        @Override
        public TensorPrimitive forward(Backend backend, List<TensorPrimitive> inputs) {
            return backend.mul(inputs.get(0), inputs.get(1));
        }

        @Override
        public List<TensorPrimitive> backward(Backend backend, List<TensorPrimitive> inputs, TensorPrimitive output, TensorPrimitive outputGrad) {
            return List.of(backend.mul(outputGrad, inputs.get(1)), backend.mul(outputGrad, inputs.get(0)));
        }
    }

    @Test
    void outputUsedTwiceAccumulates() {
        Square square = new Square();
        TensorPrimitive x = f.leaf(1, 2, 3);
        TensorPrimitive y = f.own(f.grad().custom(square, List.of(x)));
        assertTrue(f.grad().requiresGrad(y));
        assertArrayEquals(new double[] {1, 4, 9}, f.values(y), EPS);
        TensorPrimitive loss = f.own(ad.sum(f.own(ad.add(y, y))));
        try (Gradients g = f.backward(loss)) {
            // d/dx 2 x^2 = 4x; the op's backward runs once with the summed output gradient.
            assertArrayEquals(new double[] {4, 8, 12}, f.gradient(g, x), EPS);
        }
        assertEquals(1, square.backwardCalls.get());
        assertEquals(List.of(), square.problems);
    }

    @Test
    void opAppliedTwiceChainsItsBackward() {
        Square square = new Square();
        TensorPrimitive x = f.leaf(1, 2);
        TensorPrimitive y = f.own(f.grad().custom(square, List.of(x)));
        TensorPrimitive z = f.own(f.grad().custom(square, List.of(y)));
        TensorPrimitive loss = f.own(ad.sum(z));
        try (Gradients g = f.backward(loss)) {
            // d/dx x^4 = 4 x^3
            assertArrayEquals(new double[] {4, 32}, f.gradient(g, x), EPS);
        }
        assertEquals(2, square.backwardCalls.get());
    }

    @Test
    void onlyTrackedInputsReceiveGradients() {
        TensorPrimitive a = f.leaf(2, 3);
        TensorPrimitive b = f.floats(Shape.of(2), 5, 7);
        TensorPrimitive loss = f.own(ad.sum(f.own(f.grad().custom(new Product(), List.of(a, b)))));
        try (Gradients g = f.backward(loss)) {
            assertArrayEquals(new double[] {5, 7}, f.gradient(g, a), EPS);
            assertNull(g.get(b));
        }
    }

    @Test
    void untrackedInputsGiveAnUntrackedOutput() {
        Square square = new Square();
        TensorPrimitive x = f.floats(Shape.of(2), 1, 2);
        TensorPrimitive y = f.own(f.grad().custom(square, List.of(x)));
        assertFalse(f.grad().requiresGrad(y));
        assertArrayEquals(new double[] {1, 4}, f.values(y), EPS);
    }

    @Test
    void backwardWithTheWrongNumberOfGradientsFailsClearly() {
        long base = f.grad().liveNodes();
        CustomOp broken = new CustomOp() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public TensorPrimitive forward(Backend backend, List<TensorPrimitive> inputs) {
                return backend.mulScalar(inputs.get(0), 2);
            }

            @Override
            public List<TensorPrimitive> backward(Backend backend, List<TensorPrimitive> inputs, TensorPrimitive output,
                    TensorPrimitive outputGrad) {
                return List.of();
            }
        };
        TensorPrimitive x = f.leaf(1, 2);
        TensorPrimitive loss = f.own(ad.sum(f.own(f.grad().custom(broken, List.of(x)))));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.backward(loss));
        assertTrue(e.getMessage().contains("broken"), "message names the op: " + e.getMessage());
        f.close();
        assertEquals(base, f.grad().liveNodes());
    }
}
