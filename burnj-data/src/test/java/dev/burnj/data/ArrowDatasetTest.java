package dev.burnj.data;

import static dev.burnj.data.Images.CPU;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.loader.DataLoaderConfig;
import dev.burnj.data.loader.ImageBatcher;
import dev.burnj.data.source.ArrowColumns;
import dev.burnj.data.source.ArrowDataset;
import dev.burnj.data.source.ArrowWriter;
import dev.burnj.data.source.InvalidDataException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrowDatasetTest {
    @TempDir
    Path dir;

    /** 50 items of 12 features; feature k of item i is {@code i * 100 + k}, label {@code i % 7}. */
    private static Dataset<LabeledFeatures> rows() {
        List<LabeledFeatures> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            float[] f = new float[12];
            for (int k = 0; k < 12; k++) {
                f[k] = i * 100 + k;
            }
            items.add(new LabeledFeatures(f, i % 7));
        }
        return Dataset.of(items);
    }

    private Path written(int rowsPerBatch) {
        Path file = dir.resolve("rows.arrow");
        ArrowWriter.write(rows(), file, rowsPerBatch);
        return file;
    }

    @Test
    void writerRoundTripsThroughLazyRecordBatches() {
        try (ArrowDataset ds = ArrowDataset.open(written(8), ArrowColumns.of("features", "label"))) {
            assertEquals(50, ds.size());
            assertEquals(7, ds.recordBatches());
            assertEquals(12, ds.width());
            Dataset<LabeledFeatures> expected = rows();
            // Backwards, so that every read after the first crosses into another batch at some point.
            for (int i = 49; i >= 0; i--) {
                assertArrayEquals(expected.get(i).features(), ds.get(i).features(), "item " + i);
                assertEquals(expected.get(i).label(), ds.get(i).label());
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("rows.arrow")), files.toList(), "no temporary file is left beside the written one");
        } catch (IOException e) {
            fail(e);
        }
    }

    @Test
    void scalarFloatColumnsAndALongLabel() throws IOException {
        Path file = dir.resolve("scalars.arrow");
        Schema schema = new Schema(List.of(
                new Field("x", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null),
                new Field("y", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
                new Field("name", FieldType.nullable(new ArrowType.Utf8()), null),
                new Field("cls", FieldType.nullable(new ArrowType.Int(64, true)), null)));
        try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            writer.start();
            for (int batch = 0; batch < 2; batch++) {
                root.allocateNew();
                for (int r = 0; r < 3; r++) {
                    ((Float4Vector) root.getVector("x")).setSafe(r, batch * 10 + r);
                    ((Float8Vector) root.getVector("y")).setSafe(r, -0.5 * r);
                    ((VarCharVector) root.getVector("name")).setSafe(r, ("r" + r).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    ((BigIntVector) root.getVector("cls")).setSafe(r, r == 2 && batch == 1 ? -1 : r);
                }
                root.setRowCount(3);
                writer.writeBatch();
            }
            writer.end();
        }
        try (ArrowDataset ds = ArrowDataset.open(file, ArrowColumns.of(List.of("y", "x"), "cls"))) {
            assertEquals(6, ds.size());
            assertArrayEquals(new float[] {-0.5f, 11f}, ds.get(4).features());
            assertEquals(1, ds.get(4).label());
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> ds.get(5));
            assertTrue(e.getMessage().contains("record batch 1, row 2: expected a class index >= 0 in column 'cls', found -1"), e.getMessage());
        }
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> ArrowDataset.open(file, ArrowColumns.of(List.of("x", "name"), "cls")));
        assertTrue(e.getMessage().contains("schema: expected column 'name' to be float32/float64"), e.getMessage());
        e = assertThrows(InvalidDataException.class, () -> ArrowDataset.open(file, ArrowColumns.of(List.of("x"), "y")));
        assertTrue(e.getMessage().contains("expected an integer label column 'y'"), e.getMessage());
        e = assertThrows(InvalidDataException.class, () -> ArrowDataset.open(file, ArrowColumns.of(List.of("z"), "cls")));
        assertTrue(e.getMessage().contains("expected a feature column 'z', found columns [x, y, name, cls]"), e.getMessage());
    }

    @Test
    void workersReadTheSameBatchesFromOneFile() {
        try (ArrowDataset ds = ArrowDataset.open(written(16), ArrowColumns.of("features", "label"))) {
            Dataset<LabeledImage> images = ds.map(row -> row.toImage(1, 3, 4));
            List<float[]> reference = new ArrayList<>();
            for (int workers : new int[] {0, 2}) {
                DataLoaderConfig config = DataLoaderConfig.of(5).withShuffle(3).withWorkers(workers);
                try (var loader = DataLoader.of(images, ImageBatcher.nchw(), config, CPU)) {
                    int b = 0;
                    for (var batch : loader) {
                        try (batch) {
                            float[] x = batch.inputs().toData().toFloats();
                            if (workers == 0) {
                                reference.add(x);
                            } else {
                                assertArrayEquals(reference.get(b), x, "batch " + b);
                            }
                            b++;
                        }
                    }
                    assertEquals(10, b);
                }
            }
        }
    }

    @Test
    void randomCorruptionGivesOnlyCleanErrors() throws IOException {
        byte[] good = Files.readAllBytes(written(8));
        Random random = new Random(Long.getLong("fuzz.seed", 99));
        int opened = 0;
        for (int trial = 0; trial < Integer.getInteger("fuzz.trials", 300); trial++) {
            byte[] bytes = good.clone();
            if (random.nextInt(3) == 0) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            } else {
                for (int k = 0; k <= random.nextInt(3); k++) {
                    // Half the flips hit the footer, where the block offsets and lengths live.
                    int at = random.nextBoolean() ? bytes.length - 1 - random.nextInt(Math.min(400, bytes.length)) : random.nextInt(bytes.length);
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            Path file = dir.resolve("corrupt" + trial + ".arrow");
            Files.write(file, bytes);
            try (ArrowDataset ds = ArrowDataset.open(file, ArrowColumns.of("features", "label"))) {
                for (int i = 0; i < ds.size(); i++) {
                    assertEquals(ds.width(), ds.get(i).features().length);
                }
                opened++;
            } catch (InvalidDataException e) {
                assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
                assertEquals(0, e.getSuppressed().length, "Arrow leaked memory on this file: " + Arrays.toString(e.getSuppressed()));
            } catch (Throwable t) {
                fail("trial " + trial + ": " + t, t);
            }
            Files.delete(file);
        }
        assertTrue(opened < Integer.getInteger("fuzz.trials", 300), "some corruption must be detected");
    }

    @Test
    void theBuildOpensJavaNioForArrow() {
        assertTrue(Object.class.getModule().isOpen("java.nio", ArrowDataset.class.getModule()),
                "burnj-data's surefire argLine must carry --add-opens=java.base/java.nio=ALL-UNNAMED");
    }
}
