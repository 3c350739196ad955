package dev.burnj.nn.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.nn.Module;
import dev.burnj.nn.StateTensor;
import dev.burnj.record.ModuleRecord;
import dev.burnj.record.NamedTensors;
import dev.burnj.record.SafeTensors;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorData;
import dev.burnj.tensor.TensorScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Runs one layer or loss fixture: loads {@code state.*} into the module through a safetensors file (strict
 * {@link ModuleRecord} loading, so names and shapes must equal PyTorch's), calls it, and compares outputs, updated
 * buffers and the gradients of {@code sum(output * probe)} w.r.t. every input and parameter.
 */
final class Harness {
    static final double TOL = 1e-9;
    /** The worst measured error per torch class or loss family, for docs/design/parity.md. */
    private static final Map<String, Double> WORST = new java.util.TreeMap<>();

    private Harness() {}

    /** Loads the fixture's {@code state.<name>} tensors into {@code module} strictly. */
    static void loadState(Fixture fixture, Module module, Path tempDir) {
        Map<String, TensorData> state = new LinkedHashMap<>();
        fixture.tensors().forEach((k, v) -> {
            if (k.startsWith("state.")) {
                state.put(k.substring("state.".length()), v);
            }
        });
        assertEquals(new TreeSet<>(state.keySet()), new TreeSet<>(module.namedState().keySet()), fixture.name() + ": state names");
        try {
            Path file = Files.createTempFile(tempDir, fixture.name(), ".safetensors");
            SafeTensors.write(file, NamedTensors.of(state));
            ModuleRecord.load(module, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Calls {@code forward}, checks each {@code output.<name>} and backpropagates {@code sum(output * probe)}; then
     * checks {@code grad.input.*} against the inputs' gradients and {@code grad.param.*} against {@code module}'s
     * (null for losses) and {@code state_after.*} against its buffers. Shapes are compared when {@code exactShapes}
     * (losses with reduction none return burnj's flattened form, so only their values are compared).
     */
    static void run(Fixture fixture, Module module, Inputs inputs, Function<Inputs, Map<String, FloatTensor<?, ?, ?>>> forward,
            boolean exactShapes) {
        String name = fixture.name();
        try (TensorScope scope = TensorScope.open()) {
            Map<String, FloatTensor<?, ?, ?>> outputs = forward.apply(inputs);
            Tensor1 total = null;
            for (String key : fixture.tensors().keySet()) {
                if (key.startsWith("output.")) {
                    String out = key.substring("output.".length());
                    FloatTensor<?, ?, ?> actual = outputs.get(out);
                    assertTrue(actual != null, name + ": forward produced no '" + out + "'");
                    compare(fixture.metaText("module"), name + " " + key, fixture.get(key), actual, exactShapes);
                    Tensor1 term = weightedSum(actual, fixture.get("probe." + out));
                    total = total == null ? term : total.add(term);
                }
            }
            assertEquals(fixture.tensors().keySet().stream().filter(k -> k.startsWith("output.")).count(), outputs.size(),
                    name + ": outputs " + outputs.keySet());
            try (Grads grads = total.backward()) {
                for (Map.Entry<String, FloatTensor<?, ?, ?>> leaf : inputs.leaves().entrySet()) {
                    String key = "grad.input." + leaf.getKey();
                    if (fixture.has(key)) {
                        compare(fixture.metaText("module"), name + " " + key, fixture.get(key), gradOf(grads, leaf.getValue()), exactShapes);
                    }
                }
                if (module != null) {
                    for (Map.Entry<String, ? extends StateTensor<?>> p : module.namedParameters().entrySet()) {
                        String key = "grad.param." + p.getKey();
                        assertTrue(fixture.has(key), name + ": torch has no gradient for parameter " + p.getKey());
                        compare(fixture.metaText("module"), name + " " + key, fixture.get(key), gradOf(grads, p.getValue().value()), true);
                    }
                    for (Map.Entry<String, ? extends StateTensor<?>> b : module.namedBuffers().entrySet()) {
                        String key = "state_after." + b.getKey();
                        compare(fixture.metaText("module"), name + " " + key, Fixture.asStateForm(fixture.get(key), b.getValue().value()),
                                b.getValue().value(), true);
                    }
                }
            }
            for (String key : fixture.tensors().keySet()) {
                if (key.startsWith("grad.input.")) {
                    assertTrue(inputs.leaves().containsKey(key.substring("grad.input.".length())), name + ": no burnj input for " + key);
                }
            }
        }
    }

    private static void compare(String group, String what, TensorData expected, FloatTensor<?, ?, ?> actual, boolean exactShape) {
        double err;
        if (exactShape) {
            err = Fixture.assertElementwise(what, expected, actual, TOL);
        } else {
            assertEquals(expected.shape().numel(), actual.numel(), what + ": element count");
            err = Fixture.assertElementwise(what, expected.toDoubles(), actual.toDoubleArray(), TOL);
        }
        synchronized (WORST) {
            WORST.merge(group, err, Math::max);
        }
    }

    /** Appends the worst errors seen so far to {@code target/<file>} (nothing is printed). */
    static void writeWorst(String file) throws IOException {
        StringBuilder out = new StringBuilder();
        synchronized (WORST) {
            WORST.forEach((k, v) -> out.append(k).append('\t').append(String.format(java.util.Locale.ROOT, "%.2e", v)).append('\n'));
        }
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve(file), out);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static FloatTensor<?, ?, ?> gradOf(Grads grads, FloatTensor<?, ?, ?> tensor) {
        java.util.Optional<?> grad = grads.find((FloatTensor) tensor);
        if (grad.isEmpty()) {
            throw new AssertionError("no burnj gradient for a " + tensor.shape() + " tensor");
        }
        return (FloatTensor<?, ?, ?>) grad.get();
    }

    /** {@code sum(actual * probe)}, the probe reshaped to the output's shape. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Tensor1 weightedSum(FloatTensor<?, ?, ?> actual, TensorData probe) {
        // Freed by the caller's scope: the autodiff graph holds on to the probe until backward.
        Tensor1 flat = Tensor1.from(probe.reshape(Shape.of(probe.size())), actual.device());
        FloatTensor shaped = flat.cast(actual.dtype()).reshape(actual.shape(), (Rank) actual.rankWitness());
        return ((FloatTensor) ((FloatTensor) actual).mul(shaped)).sum();
    }
}
