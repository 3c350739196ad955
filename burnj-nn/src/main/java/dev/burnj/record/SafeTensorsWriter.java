package dev.burnj.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes tensors in the safetensors layout: the header length, a compact JSON header (metadata first, then the
 * tensors in the given order with consecutive offsets) padded with spaces so the data section starts 8-byte aligned,
 * and the little-endian data. The output depends only on the input, byte for byte.
 */
final class SafeTensorsWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Alignment of the data section, so readers may map it and view elements in place. */
    private static final int ALIGNMENT = 8;

    private SafeTensorsWriter() {}

    /** Writes {@code tensors} and {@code metadata} to {@code out}. */
    static void write(List<PendingTensor> tensors, Map<String, String> metadata, WritableByteChannel out) throws IOException {
        byte[] header = header(tensors, metadata);
        ByteBuffer prefix = ByteBuffer.allocate(SafeTensorsHeader.LENGTH_BYTES + header.length).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(header.length).put(header).flip();
        while (prefix.hasRemaining()) {
            out.write(prefix);
        }
        for (PendingTensor t : tensors) {
            ElementCodec.write(t.fetch(), t.stored(), out);
        }
    }

    /** The UTF-8 JSON header, padded with trailing spaces to the alignment. */
    static byte[] header(List<PendingTensor> tensors, Map<String, String> metadata) {
        ObjectNode root = MAPPER.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafeTensorsHeader.METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (PendingTensor t : tensors) {
            if (root.has(t.name())) {
                throw new IllegalArgumentException("tensor name '" + t.name() + "' appears twice");
            }
            ObjectNode entry = root.putObject(t.name());
            entry.put("dtype", t.stored().name());
            ArrayNode shape = entry.putArray("shape");
            Arrays.stream(t.shape().dims()).forEach(shape::add);
            entry.putArray("data_offsets").add(offset).add(offset + t.byteLength());
            offset += t.byteLength();
        }
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always serializes; this would be a Jackson bug.
            throw new UncheckedIOException(e);
        }
        int padding = Math.floorMod(-(SafeTensorsHeader.LENGTH_BYTES + json.length), ALIGNMENT);
        byte[] padded = Arrays.copyOf(json, json.length + padding);
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return padded;
    }
}
