package dev.burnj.record;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.TensorData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes named host tensors in Hugging Face's safetensors format: an 8-byte little-endian header length,
 * a JSON header giving each tensor's dtype, shape and byte range, then the raw little-endian data. Files are written
 * atomically and validated completely when read.
 */
public final class SafeTensors {
    private SafeTensors() {}

    /** Reads every tensor of {@code file}; F16 and BF16 tensors come back as F32. */
    public static NamedTensors read(Path file) throws IOException {
        try (SafeTensorsReader reader = SafeTensorsReader.open(file)) {
            return reader.readAll();
        }
    }

    /** Opens {@code file} to list its tensors and read them one at a time. */
    public static SafeTensorsReader open(Path file) throws IOException {
        return SafeTensorsReader.open(file);
    }

    /** Writes {@code tensors} to {@code file}, each in its own dtype, replacing the file atomically. */
    public static void write(Path file, NamedTensors tensors) throws IOException {
        write(file, tensors, null);
    }

    /**
     * Writes {@code tensors} to {@code file} with every float tensor stored as {@code floatDType} (F64, F32, F16 or
     * BF16, rounding to nearest even when narrowing); int and bool tensors keep their dtype.
     */
    public static void write(Path file, NamedTensors tensors, DType floatDType) throws IOException {
        if (floatDType != null && !floatDType.isFloat()) {
            throw new IllegalArgumentException("float tensors can be stored as F64, F32, F16 or BF16, not " + floatDType);
        }
        List<PendingTensor> pending = new ArrayList<>();
        for (Map.Entry<String, TensorData> e : tensors.tensors().entrySet()) {
            TensorData data = e.getValue();
            DType stored = floatDType != null && data.dtype().isFloat() ? floatDType : data.dtype();
            pending.add(new PendingTensor(e.getKey(), data.shape(), data.dtype(), stored, () -> data));
        }
        write(file, pending, tensors.metadata());
    }

    /** Writes tensors whose values are fetched one at a time, replacing {@code file} atomically. */
    static void write(Path file, List<PendingTensor> tensors, Map<String, String> metadata) throws IOException {
        AtomicFile.write(file, channel -> SafeTensorsWriter.write(tensors, metadata, channel));
    }
}
