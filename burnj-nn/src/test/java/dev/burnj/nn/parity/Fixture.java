package dev.burnj.nn.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnj.record.NamedTensors;
import dev.burnj.record.SafeTensors;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One PyTorch fixture written by {@code tools/parity/generate.py}: named tensors plus JSON metadata, and the
 * comparisons the parity tests apply to them.
 */
public final class Fixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final NamedTensors contents;

    private Fixture(String name, NamedTensors contents) {
        this.name = name;
        this.contents = contents;
    }

    /** The test resource directory {@code parity/<dir>} (the fixtures are on the test class path as plain files). */
    public static Path resourceDir(Class<?> anchor, String dir) {
        try {
            return Paths.get(anchor.getResource("/parity/" + dir).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every {@code .safetensors} file in {@code dir}, sorted by name. */
    public static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Fixture read(Path file) {
        try {
            String fileName = file.getFileName().toString();
            return new Fixture(fileName.substring(0, fileName.length() - ".safetensors".length()), SafeTensors.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public Map<String, TensorData> tensors() {
        return contents.tensors();
    }

    public TensorData get(String key) {
        TensorData data = contents.tensors().get(key);
        assertNotNull(data, name + ": fixture has no tensor '" + key + "'");
        return data;
    }

    public boolean has(String key) {
        return contents.tensors().containsKey(key);
    }

    /** A metadata entry parsed as JSON. */
    public JsonNode meta(String key) {
        String text = contents.metadata().get(key);
        assertNotNull(text, name + ": fixture has no metadata '" + key + "'");
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String metaText(String key) {
        return contents.metadata().get(key);
    }

    /**
     * A state tensor as PyTorch stores it, in the form burnj holds it, by {@code ModuleRecord}'s loading rule: an
     * integer tensor (num_batches_tracked) in {@code like}'s dtype, and a rank-0 one with shape {@code [1]}.
     */
    public static TensorData asStateForm(TensorData torch, FloatTensor<?, ?, ?> like) {
        TensorData converted = torch.dtype().isInt() ? torch.convert(like.dtype()) : torch;
        return converted.shape().rank() == 0 ? converted.reshape(Shape.of(1)) : converted;
    }

    /** Runs {@code check} and asserts that it left no new live tensor on {@code device}'s backend. */
    public static void withoutLeaks(String name, Device device, Check check) {
        long before = device.backend().memoryStats().liveTensors();
        try {
            check.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(name + ": " + e, e);
        }
        // At most as many as before: tensors leaked by earlier tests may be collected by the GC meanwhile.
        long after = device.backend().memoryStats().liveTensors();
        assertTrue(after <= before, () -> name + ": " + (after - before) + " tensor(s) left alive by the check");
    }

    /** A check that may throw (fixture I/O). */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    /**
     * Element-wise F64 check, {@code |a - b| <= tol * max(1, |b|)} with {@code b} from PyTorch; returns the worst
     * measured {@code |a - b| / max(1, |b|)}.
     */
    public static double assertElementwise(String what, TensorData expected, FloatTensor<?, ?, ?> actual, double tol) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        return assertElementwise(what, expected.toDoubles(), actual.toDoubleArray(), tol);
    }

    public static double assertElementwise(String what, double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
            // NaN in both (e.g. fully masked rows) agrees; NaN on one side only is an error.
            if (Double.isNaN(expected[i]) && Double.isNaN(actual[i])) {
                continue;
            }
            if (!(err <= worst)) {
                worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
                at = i;
            }
        }
        double measured = worst;
        int index = at;
        assertTrue(measured <= tol, () -> what + ": relative error " + measured + " > " + tol + " at element " + index + " (burnj "
                + actual[index] + ", torch " + expected[index] + ")");
        return measured;
    }

    /** Per-tensor check {@code ||a - b|| / ||b|| <= tol} (F32); returns the measured ratio. */
    public static double assertNormRatio(String what, TensorData expected, FloatTensor<?, ?, ?> actual, double tol) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] b = expected.toDoubles();
        double[] a = actual.toDoubleArray();
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < b.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        double ratio = norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
        assertTrue(ratio <= tol, () -> what + ": ||burnj - torch|| / ||torch|| = " + ratio + " > " + tol);
        return ratio;
    }
}
