package dev.burnj.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.nn.Buffer;
import dev.burnj.nn.Module;
import dev.burnj.nn.Param;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading module state: round trips, precision, strict and lenient matching, key mapping, atomicity. */
class ModuleRecordTest {
    private static final Device CPU = Device.of("nd4j");

    /** A sub-module with one parameter. */
    static final class Inner extends Module {
        private final Param<Tensor1> bias;

        Inner(DType dtype, double start, Device device) {
            bias = Param.of(Tensor1.from(TensorData.fromDoubles(new double[] {start, start + 1}, Shape.of(2), dtype), device));
        }
    }

    /** Two parameters, a buffer and a nested module: {@code weight}, {@code scale}, {@code running_mean}, {@code inner.bias}. */
    static final class Tiny extends Module {
        private final Param<Tensor2> weight;
        private final Param<Tensor1> scale;
        private final Buffer<Tensor1> runningMean;
        private final Inner inner;

        Tiny(DType dtype, double[] weights, Device device) {
            weight = Param.of(Tensor2.from(TensorData.fromDoubles(weights, Shape.of(2, 3), dtype), device));
            scale = Param.of(Tensor1.from(TensorData.fromDoubles(new double[] {weights[0] * 2}, Shape.of(1), dtype), device));
            runningMean = Buffer.of(Tensor1.from(TensorData.fromDoubles(new double[] {weights[1], weights[2], weights[3]}, Shape.of(3), dtype), device));
            inner = new Inner(dtype, weights[4], device);
        }

        Tiny(DType dtype, double fill) {
            this(dtype, new double[] {fill, fill, fill, fill, fill, fill}, CPU);
        }
    }

    @TempDir
    Path dir;

    private static Map<String, double[]> values(Module module) {
        Map<String, double[]> out = new LinkedHashMap<>();
        module.namedState().forEach((name, state) -> out.put(name, state.value().toData().toDoubles()));
        return out;
    }

    private static void assertSameValues(Module expected, Module actual) {
        Map<String, double[]> e = values(expected);
        Map<String, double[]> a = values(actual);
        assertEquals(e.keySet(), a.keySet());
        e.forEach((name, v) -> assertArrayEquals(v, a.get(name), name));
    }

    @Test
    void f32RoundTripIsBitExact() throws IOException {
        float[] raw = {0.1f, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, 1e-40f, -3.25f};
        double[] weights = new double[6];
        for (int i = 0; i < 6; i++) {
            weights[i] = raw[i];
        }
        Path file = dir.resolve("tiny.safetensors");
        try (Tiny saved = new Tiny(DType.F32, weights, CPU); Tiny loaded = new Tiny(DType.F32, 0)) {
            ModuleRecord.save(saved, file);
            try (SafeTensorsReader reader = SafeTensors.open(file)) {
                assertEquals(List.of("weight", "scale", "running_mean", "inner.bias"), reader.entries().stream().map(TensorEntry::name).toList());
            }
            LoadReport report = ModuleRecord.load(loaded, file);
            assertTrue(report.isComplete(), report::toString);
            assertEquals(List.of("weight", "scale", "running_mean", "inner.bias"), report.loaded());
            float[] expected = saved.weight.value().toFloatArray();
            float[] actual = loaded.weight.value().toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "element " + i);
            }
            assertSameValues(saved, loaded);
            assertEquals(DType.F32, loaded.weight.value().dtype());
        }
    }

    @Test
    void f64RoundTripAndLoadingOntoAnAutodiffDevice() throws IOException {
        Path file = dir.resolve("f64.safetensors");
        try (Tiny saved = new Tiny(DType.F64, new double[] {Math.PI, Math.E, -1e-300, 1e300, 0.1, 2}, CPU);
                Tiny loaded = new Tiny(DType.F64, 0);
                Tiny tracked = new Tiny(DType.F64, new double[6], CPU.autodiff())) {
            ModuleRecord.save(saved, file);
            try (SafeTensorsReader reader = SafeTensors.open(file)) {
                assertEquals(DType.F64, reader.entry("weight").orElseThrow().dtype());
            }
            ModuleRecord.load(loaded, file);
            assertSameValues(saved, loaded);
            ModuleRecord.load(tracked, file);
            assertSameValues(saved, tracked);
            assertTrue(tracked.weight.value().requiresGrad(), "a trainable parameter stays a gradient leaf");
            assertEquals(CPU.autodiff(), tracked.weight.value().device());
        }
    }

    @Test
    void reducedPrecisionSaveConvertsBackToTheModuleDType() throws IOException {
        Path file = dir.resolve("half.safetensors");
        try (Tiny saved = new Tiny(DType.F32, new double[] {1 + 0x1p-11, 3, 65520, 0.5, -2, 7}, CPU);
                Tiny asF32 = new Tiny(DType.F32, 0);
                Tiny asF64 = new Tiny(DType.F64, 0)) {
            ModuleRecord.save(saved, file, SaveOptions.defaults().withFloatDType(DType.F16).withMetadata("format", "pt"));
            try (SafeTensorsReader reader = SafeTensors.open(file)) {
                assertEquals(DType.F16, reader.entry("running_mean").orElseThrow().dtype());
                assertEquals(Map.of("format", "pt"), reader.metadata());
            }
            ModuleRecord.load(asF32, file);
            ModuleRecord.load(asF64, file);
            double[] expected = {1, 3, Double.POSITIVE_INFINITY, 0.5, -2, 7};
            assertArrayEquals(expected, asF32.weight.value().toData().toDoubles());
            assertArrayEquals(expected, asF64.weight.value().toData().toDoubles());
            assertEquals(DType.F64, asF64.weight.value().dtype());
        }
    }

    /** A file with the tiny module's names except {@code scale}, plus {@code extra}, and a wrongly shaped weight. */
    private Path mismatchedFile() throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("weight", TensorData.of(new float[6], Shape.of(3, 2)));
        tensors.put("running_mean", TensorData.of(new float[] {4, 5, 6}, Shape.of(3)));
        tensors.put("inner.bias", TensorData.of(new boolean[] {true, false}, Shape.of(2)));
        tensors.put("extra", TensorData.of(new float[1], Shape.of(1)));
        Path file = dir.resolve("mismatched.safetensors");
        SafeTensors.write(file, NamedTensors.of(tensors));
        return file;
    }

    @Test
    void strictLoadingListsEveryProblemAndChangesNothing() throws IOException {
        Path file = mismatchedFile();
        try (Tiny module = new Tiny(DType.F32, 9)) {
            RecordMismatchException e = assertThrows(RecordMismatchException.class, () -> ModuleRecord.load(module, file));
            String message = e.getMessage();
            for (String fragment : List.of("1 missing, 1 unexpected, 2 mismatched", "missing from the file: scale", "not in the module: extra",
                    "weight: expected a float or integer tensor of shape [2, 3], found F32 [3, 2]",
                    "inner.bias: expected a float or integer tensor of shape [2], found BOOL [2]")) {
                assertTrue(message.contains(fragment), () -> "'" + fragment + "' not in: " + message);
            }
            assertEquals(List.of("scale"), e.report().missing());
            assertArrayEquals(new double[] {9, 9, 9}, module.runningMean.value().toData().toDoubles(), "nothing was loaded");
        }
    }

    @Test
    void lenientLoadingLoadsWhatMatchesAndReports() throws IOException {
        Path file = mismatchedFile();
        try (Tiny module = new Tiny(DType.F32, 9)) {
            LoadReport report = ModuleRecord.load(module, file, LoadOptions.lenient());
            assertEquals(List.of("running_mean"), report.loaded());
            assertEquals(List.of("scale"), report.missing());
            assertEquals(List.of("extra"), report.unexpected());
            assertEquals(List.of("weight", "inner.bias"), report.mismatches().stream().map(LoadReport.Mismatch::key).toList());
            assertArrayEquals(new double[] {4, 5, 6}, module.runningMean.value().toData().toDoubles());
            assertArrayEquals(new double[] {9, 9, 9, 9, 9, 9}, module.weight.value().toData().toDoubles());
        }
    }

    @Test
    void keyMappingRenamesFileTensors() throws IOException {
        KeyMapping mapping = KeyMapping.identity().thenStripPrefix("model.").thenRename("^inner_(\\w+)$", "inner.$1");
        assertEquals("weight", mapping.apply("model.weight"));
        assertEquals("inner.bias", mapping.apply("model.inner_bias"));
        assertEquals("other.x", mapping.apply("other.x"));
        assertEquals("enc.w", KeyMapping.identity().thenAddPrefix("enc.").apply("w"));
        assertEquals(mapping, KeyMapping.identity().thenStripPrefix("model.").thenRename("^inner_(\\w+)$", "inner.$1"));

        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("model.weight", TensorData.of(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(2, 3)));
        tensors.put("model.scale", TensorData.of(new float[] {7}, Shape.of(1)));
        tensors.put("model.running_mean", TensorData.of(new float[] {8, 9, 10}, Shape.of(3)));
        tensors.put("model.inner_bias", TensorData.of(new float[] {11, 12}, Shape.of(2)));
        Path file = dir.resolve("foreign.safetensors");
        SafeTensors.write(file, NamedTensors.of(tensors));
        try (Tiny module = new Tiny(DType.F32, 0)) {
            assertThrows(RecordMismatchException.class, () -> ModuleRecord.load(module, file));
            LoadReport report = ModuleRecord.load(module, file, LoadOptions.strict().withKeyMapping(mapping));
            assertTrue(report.isComplete());
            assertArrayEquals(new double[] {11, 12}, module.inner.bias.value().toData().toDoubles());
        }
    }

    @Test
    void aFailedSaveLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        try (Tiny first = new Tiny(DType.F32, 1)) {
            ModuleRecord.save(first, file);
        }
        byte[] before = Files.readAllBytes(file);
        Tiny broken = new Tiny(DType.F32, 2);
        // A closed module still knows its shapes (the header gets written) but its data can no longer be fetched,
        // so the save fails part-way through the data section.
        broken.close();
        assertThrows(IllegalStateException.class, () -> ModuleRecord.save(broken, file));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
        try (Tiny reloaded = new Tiny(DType.F32, 0)) {
            ModuleRecord.load(reloaded, file);
            assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, reloaded.weight.value().toData().toDoubles());
        }
    }

    /** PyTorch's forms: integer tensors for float state, and a rank-0 tensor for {@code scale} (shape [1]). */
    private Path pytorchFormFile(long count) throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("weight", TensorData.of(new int[] {1, -2, 3, -4, 5, -6}, Shape.of(2, 3)));
        tensors.put("scale", TensorData.of(new double[] {0.5}, Shape.of()));
        tensors.put("running_mean", TensorData.of(new long[] {4, 5, count}, Shape.of(3)));
        tensors.put("inner.bias", TensorData.of(new float[] {7, 8}, Shape.of(2)));
        Path file = dir.resolve("pytorch-form.safetensors");
        SafeTensors.write(file, NamedTensors.of(tensors));
        return file;
    }

    @Test
    void integerAndRankZeroFileTensorsLoadStrictlyWhenExact() throws IOException {
        long big = (1L << 24) + 1;
        try (Tiny f32 = new Tiny(DType.F32, 0); Tiny f64 = new Tiny(DType.F64, 0)) {
            ModuleRecord.load(f32, pytorchFormFile(1L << 24));
            assertArrayEquals(new double[] {1, -2, 3, -4, 5, -6}, f32.weight.value().toData().toDoubles());
            assertArrayEquals(new double[] {0.5}, f32.scale.value().toData().toDoubles());
            assertArrayEquals(new double[] {4, 5, 1 << 24}, f32.runningMean.value().toData().toDoubles());
            assertEquals(DType.F32, f32.runningMean.value().dtype());

            // 2^24 + 1 is exact in F64 but not in F32, which must not round it silently.
            Path file = pytorchFormFile(big);
            ModuleRecord.load(f64, file);
            assertArrayEquals(new double[] {4, 5, big}, f64.runningMean.value().toData().toDoubles());
            RecordMismatchException e = assertThrows(RecordMismatchException.class, () -> ModuleRecord.load(f32, file));
            assertTrue(e.getMessage().contains("running_mean: the I64 value 16777217 at element 2 is not exactly representable in F32"),
                    e::getMessage);
            assertArrayEquals(new double[] {4, 5, 1 << 24}, f32.runningMean.value().toData().toDoubles(), "nothing was loaded");
            RecordMismatchException f64Inexact = assertThrows(RecordMismatchException.class,
                    () -> ModuleRecord.load(f64, pytorchFormFile((1L << 53) + 1)));
            assertTrue(f64Inexact.getMessage().contains("value 9007199254740993 at element 2 is not exactly representable in F64"),
                    f64Inexact::getMessage);
        }
    }

    @Test
    void rankZeroLoadsOnlyIntoShapeOne() throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("weight", TensorData.of(new float[6], Shape.of(2, 3)));
        tensors.put("scale", TensorData.of(new float[] {1, 2}, Shape.of(2)));
        tensors.put("running_mean", TensorData.of(new float[] {3}, Shape.of()));
        tensors.put("inner.bias", TensorData.of(new float[] {7, 8}, Shape.of(1, 2)));
        Path file = dir.resolve("shapes.safetensors");
        SafeTensors.write(file, NamedTensors.of(tensors));
        try (Tiny module = new Tiny(DType.F32, 0)) {
            RecordMismatchException e = assertThrows(RecordMismatchException.class, () -> ModuleRecord.load(module, file));
            for (String fragment : List.of("scale: expected a float or integer tensor of shape [1] or [], found F32 [2]",
                    "running_mean: expected a float or integer tensor of shape [3], found F32 []",
                    "inner.bias: expected a float or integer tensor of shape [2], found F32 [1, 2]")) {
                assertTrue(e.getMessage().contains(fragment), () -> "'" + fragment + "' not in: " + e.getMessage());
            }
        }
    }

    /** A module with a counter buffer, like BatchNorm's {@code num_batches_tracked}. */
    static final class Counting extends Module {
        private final Param<Tensor1> weight;
        private final Buffer<Tensor1> numBatchesTracked;

        Counting(DType dtype, double count) {
            weight = Param.of(Tensor1.from(TensorData.fromDoubles(new double[] {0.25, count}, Shape.of(2), dtype), CPU));
            numBatchesTracked = Buffer.counter(Tensor1.from(TensorData.fromDoubles(new double[] {count}, Shape.of(1), dtype), CPU));
        }
    }

    @Test
    void countersAreSavedAsPytorchsInt64Scalars() throws IOException {
        Path file = dir.resolve("counting.safetensors");
        try (Counting saved = new Counting(DType.F32, 3000); Counting loaded = new Counting(DType.F64, 0)) {
            assertTrue(saved.numBatchesTracked.isCounter());
            // F16 cannot hold 3001 (its spacing there is 2): counters keep their integer form whatever the float dtype.
            saved.numBatchesTracked.set(saved.numBatchesTracked.value().add(1));
            ModuleRecord.save(saved, file, SaveOptions.defaults().withFloatDType(DType.F16));
            try (SafeTensorsReader reader = SafeTensors.open(file)) {
                assertEquals(new TensorEntry("num_batches_tracked", DType.I64, Shape.of(), 4, 12), reader.entry("num_batches_tracked").orElseThrow());
                assertArrayEquals(new long[] {3001}, reader.read("num_batches_tracked").toLongs());
                assertEquals(DType.F16, reader.entry("weight").orElseThrow().dtype());
            }
            ModuleRecord.load(loaded, file);
            assertArrayEquals(new double[] {3001}, loaded.numBatchesTracked.value().toData().toDoubles());
            assertEquals(Shape.of(1), loaded.numBatchesTracked.shape());
        }
        try (Counting fractional = new Counting(DType.F32, 2.5)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModuleRecord.save(fractional, file));
            assertTrue(e.getMessage().contains("counter buffer 'num_batches_tracked' holds 2.5, not a whole number"), e::getMessage);
        }
        try (Tensor1 two = Tensor1.from(TensorData.of(new float[2], Shape.of(2)), CPU)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Buffer.counter(two));
            assertTrue(e.getMessage().contains("expected a one-element tensor of shape [1], got [2]"), e::getMessage);
        }
    }

    @Test
    void optionsAreValidatedValues() {
        assertThrows(IllegalArgumentException.class, () -> SaveOptions.defaults().withFloatDType(DType.I32));
        assertEquals(SaveOptions.defaults().withFloatDType(DType.BF16), SaveOptions.defaults().withFloatDType(DType.BF16));
        assertEquals(LoadOptions.lenient(), LoadOptions.lenient());
        assertTrue(SaveOptions.defaults().floatDType().isEmpty());
    }
}
