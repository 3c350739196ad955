package dev.burnj.data.source;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.util.ValueVectorUtility;

/**
 * Labelled feature vectors from an Arrow IPC file (the random-access "file" format), columns mapped by
 * {@link ArrowColumns}. Record batches are read lazily: each reading thread keeps its own reader with one record
 * batch loaded and loads another only when an index falls outside it, so memory stays at one batch per thread
 * (sequential or batch-local access is fast; a full shuffle reloads a batch per item).
 *
 * <p>{@link #open} checks the whole file once — the footer's record-batch blocks against the file size before
 * anything is read, then every batch's buffers with Arrow's full validation and the column types — so a corrupt
 * file fails there with an {@link InvalidDataException} and never with a huge allocation: the allocator is also
 * capped at a small multiple of the file size.
 *
 * <p>Arrow's memory module needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED} on Java 17.
 * Close the dataset (after any loader reading it) to free its native buffers.
 */
public final class ArrowDataset implements Dataset<LabeledFeatures>, AutoCloseable {
    private final Path file;
    private final ArrowColumns columns;
    private final List<ArrowBlock> blocks;
    private final int[] offsets;
    private final int width;
    private final BufferAllocator allocator;
    private final ConcurrentLinkedQueue<Cursor> cursors = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Cursor> cursor = new ThreadLocal<>();
    private volatile boolean closed;

    private ArrowDataset(Path file, ArrowColumns columns, BufferAllocator allocator, List<ArrowBlock> blocks, int[] offsets, int width) {
        this.file = file;
        this.columns = columns;
        this.allocator = allocator;
        this.blocks = blocks;
        this.offsets = offsets;
        this.width = width;
    }

    /** Opens and validates {@code file}. */
    public static ArrowDataset open(Path file, ArrowColumns columns) {
        ArrowRuntime.requireNioOpen();
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Arrow: cannot read " + file + ": " + e, e);
        }
        // Valid batches never need more than their body; the cap turns a lying header into Arrow's own clean error.
        BufferAllocator allocator = new RootAllocator(Math.max(64L << 20, 4 * fileSize));
        // Checked on the heap first: Arrow's reader leaks native buffers when a footer it reads does not parse.
        List<ArrowBlock> blocks = ArrowFooterCheck.recordBatches(file, fileSize);
        String where = "schema";
        try (Cursor first = Cursor.open(file, allocator)) {
            VectorSchemaRoot root = first.root;
            int width = featureWidth(file, root, columns);
            labelVector(file, root, columns.label());
            int[] offsets = new int[blocks.size() + 1];
            for (int b = 0; b < blocks.size(); b++) {
                where = "record batch " + b;
                first.load(b, blocks.get(b));
                ValueVectorUtility.validate(root);
                checkListLength(file, where, root, columns, width);
                offsets[b + 1] = Math.addExact(offsets[b], root.getRowCount());
            }
            return new ArrowDataset(file, columns, allocator, blocks, offsets, width);
        } catch (InvalidDataException e) {
            throw closeAfterFailure(allocator, e);
        } catch (IOException | RuntimeException e) {
            throw closeAfterFailure(allocator, new InvalidDataException(file, where, "expected a valid Arrow IPC file (" + e + ")", e));
        }
    }

    /** Closes the allocator of a failed open; a leak Arrow reports there is attached to the real error, not thrown instead of it. */
    private static InvalidDataException closeAfterFailure(BufferAllocator allocator, InvalidDataException error) {
        try {
            allocator.close();
        } catch (IllegalStateException leak) {
            error.addSuppressed(leak);
        }
        return error;
    }

    /** The number of features per item. */
    public int width() {
        return width;
    }

    /** The number of record batches in the file. */
    public int recordBatches() {
        return blocks.size();
    }

    @Override
    public LabeledFeatures get(int index) {
        Dataset.checkIndex(index, size(), this);
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        int found = Arrays.binarySearch(offsets, index);
        int batch = found >= 0 ? found : -found - 2;
        // Empty batches share an offset with the next one; the row lives in the last batch starting there.
        while (offsets[batch + 1] == index) {
            batch++;
        }
        Cursor c = cursorOfThisThread();
        String where = "record batch " + batch + ", row " + (index - offsets[batch]);
        try {
            c.load(batch, blocks.get(batch));
            int row = index - offsets[batch];
            return new LabeledFeatures(features(c.root, row, where), label(c.root, row, where));
        } catch (IOException e) {
            throw new UncheckedIOException("Arrow: cannot read " + file + " at " + where + ": " + e, e);
        }
    }

    @Override
    public int size() {
        return offsets[offsets.length - 1];
    }

    /** Frees every thread's reader and the native memory. */
    @Override
    public void close() {
        closed = true;
        for (Cursor c; (c = cursors.poll()) != null; ) {
            c.close();
        }
        allocator.close();
    }

    @Override
    public String toString() {
        return "ArrowDataset(" + file + ", " + size() + " rows in " + blocks.size() + " record batches)";
    }

    private Cursor cursorOfThisThread() {
        Cursor c = cursor.get();
        if (c == null) {
            try {
                c = Cursor.open(file, allocator);
            } catch (IOException e) {
                throw new UncheckedIOException("Arrow: cannot open " + file + ": " + e, e);
            }
            cursors.add(c);
            cursor.set(c);
        }
        return c;
    }

    private float[] features(VectorSchemaRoot root, int row, String where) {
        float[] out = new float[width];
        if (columns.features().size() == 1 && root.getVector(columns.features().get(0)) instanceof FixedSizeListVector list) {
            if (list.isNull(row)) {
                throw new InvalidDataException(file, where, "expected features in column '" + columns.features().get(0) + "', found null");
            }
            FieldVector values = list.getDataVector();
            for (int k = 0; k < width; k++) {
                out[k] = floatAt(values, row * width + k, where, columns.features().get(0));
            }
            return out;
        }
        for (int k = 0; k < width; k++) {
            out[k] = floatAt(root.getVector(columns.features().get(k)), row, where, columns.features().get(k));
        }
        return out;
    }

    private float floatAt(FieldVector vector, int i, String where, String column) {
        if (vector.isNull(i)) {
            throw new InvalidDataException(file, where, "expected a number in column '" + column + "', found null");
        }
        return vector instanceof Float4Vector f ? f.get(i) : (float) ((Float8Vector) vector).get(i);
    }

    private int label(VectorSchemaRoot root, int row, String where) {
        FieldVector vector = root.getVector(columns.label());
        if (vector.isNull(row)) {
            throw new InvalidDataException(file, where, "expected a label in column '" + columns.label() + "', found null");
        }
        long value = ((BaseIntVector) vector).getValueAsLong(row);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new InvalidDataException(file, where, "expected a class index >= 0 in column '" + columns.label() + "', found " + value);
        }
        return (int) value;
    }

    private static int featureWidth(Path file, VectorSchemaRoot root, ArrowColumns columns) {
        List<String> names = new ArrayList<>();
        root.getSchema().getFields().forEach(f -> names.add(f.getName()));
        for (String name : columns.features()) {
            if (root.getVector(name) == null) {
                throw new InvalidDataException(file, "schema", "expected a feature column '" + name + "', found columns " + names);
            }
        }
        if (columns.features().size() == 1 && root.getVector(columns.features().get(0)) instanceof FixedSizeListVector list) {
            if (!isFloat(list.getDataVector())) {
                throw new InvalidDataException(file, "schema", "expected column '" + columns.features().get(0) + "' to be a fixed-size list of "
                        + "float32 or float64, found items of " + list.getDataVector().getField().getType());
            }
            return list.getListSize();
        }
        for (String name : columns.features()) {
            if (!isFloat(root.getVector(name))) {
                throw new InvalidDataException(file, "schema", "expected column '" + name + "' to be float32/float64 or one fixed-size list of "
                        + "them, found " + root.getVector(name).getField().getType());
            }
        }
        return columns.features().size();
    }

    /** Arrow's structural validation does not cover a fixed-size list's child length; a short child would be read past its end. */
    private static void checkListLength(Path file, String where, VectorSchemaRoot root, ArrowColumns columns, int width) {
        if (columns.features().size() == 1 && root.getVector(columns.features().get(0)) instanceof FixedSizeListVector list) {
            long needed = (long) root.getRowCount() * width;
            if (list.getValueCount() != root.getRowCount() || list.getDataVector().getValueCount() < needed) {
                throw new InvalidDataException(file, where, "expected " + root.getRowCount() + " lists of " + width + " values, found "
                        + list.getValueCount() + " lists with " + list.getDataVector().getValueCount() + " values");
            }
        }
    }

    private static void labelVector(Path file, VectorSchemaRoot root, String label) {
        FieldVector vector = root.getVector(label);
        if (!(vector instanceof BaseIntVector)) {
            throw new InvalidDataException(file, "schema", "expected an integer label column '" + label + "', found "
                    + (vector == null ? "no such column" : vector.getField().getType()));
        }
    }

    private static boolean isFloat(FieldVector vector) {
        return vector instanceof Float4Vector || vector instanceof Float8Vector;
    }

    /** One thread's reader: its own channel and schema root with at most one record batch loaded. */
    private static final class Cursor implements AutoCloseable {
        final FileChannel channel;
        final ArrowFileReader reader;
        final VectorSchemaRoot root;
        int loaded = -1;

        private Cursor(FileChannel channel, ArrowFileReader reader, VectorSchemaRoot root) {
            this.channel = channel;
            this.reader = reader;
            this.root = root;
        }

        static Cursor open(Path file, BufferAllocator allocator) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            ArrowFileReader reader = new ArrowFileReader(channel, allocator);
            try {
                return new Cursor(channel, reader, reader.getVectorSchemaRoot());
            } catch (IOException | RuntimeException e) {
                reader.close();
                throw e;
            }
        }

        void load(int batch, ArrowBlock block) throws IOException {
            if (loaded != batch) {
                loaded = -1;
                reader.loadRecordBatch(block);
                loaded = batch;
            }
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException ignored) {
                // Closing a read-only file channel cannot lose data.
            }
        }
    }
}
