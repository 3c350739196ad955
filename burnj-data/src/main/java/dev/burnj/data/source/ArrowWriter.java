package dev.burnj.data.source;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes a labelled dataset to an Arrow IPC file: a column {@code features} of fixed-size F32 lists and an I32
 * column {@code label} ({@link ArrowColumns#of(String, String) ArrowColumns.of("features", "label")} reads it back),
 * in record batches of {@code rowsPerBatch} rows. The file is written beside the target and renamed into place.
 */
public final class ArrowWriter {
    public static final String FEATURES = "features";
    public static final String LABEL = "label";

    private ArrowWriter() {}

    public static void write(Dataset<LabeledFeatures> dataset, Path file, int rowsPerBatch) {
        ArrowRuntime.requireNioOpen();
        if (rowsPerBatch < 1) {
            throw new IllegalArgumentException("ArrowWriter: rows per batch must be positive, got " + rowsPerBatch);
        }
        int width = dataset.size() == 0 ? 0 : dataset.get(0).features().length;
        Field item = new Field("item", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null);
        Field features = new Field(FEATURES, FieldType.notNullable(new ArrowType.FixedSizeList(width)), List.of(item));
        Field label = new Field(LABEL, FieldType.notNullable(new ArrowType.Int(32, true)), null);
        Schema schema = new Schema(List.of(features, label));
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".part");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
                writer.start();
                FixedSizeListVector lists = (FixedSizeListVector) root.getVector(FEATURES);
                Float4Vector values = (Float4Vector) lists.getDataVector();
                IntVector labels = (IntVector) root.getVector(LABEL);
                for (int start = 0; start < dataset.size(); start += rowsPerBatch) {
                    int rows = Math.min(rowsPerBatch, dataset.size() - start);
                    root.allocateNew();
                    for (int r = 0; r < rows; r++) {
                        LabeledFeatures row = dataset.get(start + r);
                        if (row.features().length != width) {
                            throw new IllegalArgumentException("ArrowWriter: item " + (start + r) + " has " + row.features().length
                                    + " features, expected " + width + " like item 0");
                        }
                        lists.setNotNull(r);
                        for (int k = 0; k < width; k++) {
                            values.setSafe(r * width + k, row.features()[k]);
                        }
                        labels.setSafe(r, row.label());
                    }
                    values.setValueCount(rows * width);
                    root.setRowCount(rows);
                    writer.writeBatch();
                }
                writer.end();
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("ArrowWriter: cannot write " + file + ": " + e, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Best effort: the temporary name is never read as data.
                }
            }
        }
    }
}
