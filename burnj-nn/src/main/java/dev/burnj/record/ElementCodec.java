package dev.burnj.record;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.TensorData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * Moves tensor elements between host arrays and safetensors' little-endian bytes, a bounded chunk at a time: a
 * tensor is never held twice in full (as bytes and as an array), whatever its size.
 */
final class ElementCodec {
    /** Bytes per chunk; a multiple of every element size. */
    private static final int CHUNK_BYTES = 1 << 20;

    private ElementCodec() {}

    /** Writes {@code data} (F32, F64, I64, I32 or BOOL) to {@code out}, stored as {@code stored}. */
    static void write(TensorData data, DType stored, WritableByteChannel out) throws IOException {
        int size = stored.byteSize();
        int n = data.size();
        int perChunk = CHUNK_BYTES / size;
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, (long) n * size)).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < n; start += perChunk) {
            int count = Math.min(perChunk, n - start);
            buffer.clear();
            fill(buffer, data, stored, start, count);
            buffer.flip();
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }

    /**
     * Reads the tensor {@code entry} whose data starts at {@code position} in {@code channel}; F16 and BF16 are
     * widened to F32 (exactly). The header has been validated, so only a file that shrank since can fail here.
     */
    static TensorData read(FileChannel channel, long position, TensorEntry entry, Path file) throws IOException {
        int n = Math.toIntExact(entry.shape().numel());
        Object array = switch (entry.dtype()) {
            case F64 -> new double[n];
            case F32, F16, BF16 -> new float[n];
            case I64 -> new long[n];
            case I32 -> new int[n];
            case BOOL -> new boolean[n];
        };
        int size = entry.dtype().byteSize();
        int perChunk = CHUNK_BYTES / size;
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, entry.byteLength())).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < n; start += perChunk) {
            int count = Math.min(perChunk, n - start);
            buffer.clear().limit(count * size);
            long at = position + (long) start * size;
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, at + buffer.position()) < 0) {
                    throw new MalformedSafeTensorsException(file, entry.name(), "the file ended at byte " + (at + buffer.position())
                            + " inside the tensor's data (was it truncated while being read?)");
                }
            }
            buffer.flip();
            drain(buffer, entry.dtype(), array, start, count);
        }
        return switch (entry.dtype()) {
            case F64 -> TensorData.of((double[]) array, entry.shape());
            case F32, F16, BF16 -> TensorData.of((float[]) array, entry.shape());
            case I64 -> TensorData.of((long[]) array, entry.shape());
            case I32 -> TensorData.of((int[]) array, entry.shape());
            case BOOL -> TensorData.of((boolean[]) array, entry.shape());
        };
    }

    /** Puts elements {@code [start, start + count)} of {@code data} into {@code buffer} in the {@code stored} dtype. */
    private static void fill(ByteBuffer buffer, TensorData data, DType stored, int start, int count) {
        Object array = data.unsafeArray();
        int end = start + count;
        switch (stored) {
            case F64 -> {
                for (int i = start; i < end; i++) {
                    buffer.putDouble(floatAt(array, i));
                }
            }
            case F32 -> {
                for (int i = start; i < end; i++) {
                    buffer.putFloat((float) floatAt(array, i));
                }
            }
            case F16 -> {
                for (int i = start; i < end; i++) {
                    buffer.putShort(Float16.fromDouble(floatAt(array, i)));
                }
            }
            case BF16 -> {
                for (int i = start; i < end; i++) {
                    buffer.putShort(BFloat16.fromDouble(floatAt(array, i)));
                }
            }
            case I64 -> buffer.asLongBuffer().put((long[]) array, start, count);
            case I32 -> buffer.asIntBuffer().put((int[]) array, start, count);
            case BOOL -> {
                boolean[] values = (boolean[]) array;
                for (int i = start; i < end; i++) {
                    buffer.put(values[i] ? (byte) 1 : (byte) 0);
                }
            }
        }
        // Bulk puts through a view buffer do not move the parent buffer's position.
        buffer.position(count * stored.byteSize());
    }

    /** Element {@code i} of a float source array; a float widens to double exactly, so nothing is lost. */
    private static double floatAt(Object array, int i) {
        return array instanceof float[] f ? f[i] : ((double[]) array)[i];
    }

    /** Takes {@code count} elements stored as {@code stored} from {@code buffer} into {@code array} at {@code start}. */
    private static void drain(ByteBuffer buffer, DType stored, Object array, int start, int count) {
        switch (stored) {
            case F64 -> buffer.asDoubleBuffer().get((double[]) array, start, count);
            case F32 -> buffer.asFloatBuffer().get((float[]) array, start, count);
            case F16 -> {
                float[] values = (float[]) array;
                for (int i = 0; i < count; i++) {
                    values[start + i] = Float16.toFloat(buffer.getShort());
                }
            }
            case BF16 -> {
                float[] values = (float[]) array;
                for (int i = 0; i < count; i++) {
                    values[start + i] = BFloat16.toFloat(buffer.getShort());
                }
            }
            case I64 -> buffer.asLongBuffer().get((long[]) array, start, count);
            case I32 -> buffer.asIntBuffer().get((int[]) array, start, count);
            case BOOL -> {
                boolean[] values = (boolean[]) array;
                for (int i = 0; i < count; i++) {
                    values[start + i] = buffer.get() != 0;
                }
            }
        }
    }
}
