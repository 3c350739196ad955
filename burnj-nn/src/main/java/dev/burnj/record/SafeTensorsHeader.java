package dev.burnj.record;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The validated header of a safetensors file: every check on lengths, JSON, dtypes, shapes and offsets happens here,
 * before any tensor data is touched, so readers can trust the entries completely.
 */
final class SafeTensorsHeader {
    /** The name of the optional string-to-string metadata object in the header. */
    static final String METADATA_KEY = "__metadata__";
    /** Bytes before the header: its little-endian unsigned length. */
    static final int LENGTH_BYTES = 8;
    /**
     * The largest header accepted. Far beyond real checkpoints (a header entry is ~100 bytes), it stops a corrupt
     * length from making us allocate gigabytes for what would be a few kilobytes of JSON.
     */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> ENTRY_FIELDS = Set.of("dtype", "shape", "data_offsets");
    private static final String SUPPORTED = Arrays.stream(DType.values()).map(DType::name).collect(Collectors.joining(", "));

    private final List<TensorEntry> entries;
    private final Map<String, String> metadata;
    private final long dataStart;

    private SafeTensorsHeader(List<TensorEntry> entries, Map<String, String> metadata, long dataStart) {
        this.entries = Collections.unmodifiableList(entries);
        this.metadata = Collections.unmodifiableMap(metadata);
        this.dataStart = dataStart;
    }

    /** Tensors in header order. */
    List<TensorEntry> entries() {
        return entries;
    }

    Map<String, String> metadata() {
        return metadata;
    }

    /** The file position where the data section begins. */
    long dataStart() {
        return dataStart;
    }

    /** Reads and validates the header of {@code file}, open as {@code channel}. */
    static SafeTensorsHeader read(FileChannel channel, Path file) throws IOException {
        long fileSize = channel.size();
        if (fileSize < LENGTH_BYTES) {
            throw new MalformedSafeTensorsException(file, "the file has " + fileSize + " bytes, fewer than the " + LENGTH_BYTES
                    + " of the header length (truncated?)");
        }
        long headerLength = readFully(channel, 0, LENGTH_BYTES, file).getLong();
        // Compared unsigned: a length with the top bit set is larger than any file, not negative.
        if (Long.compareUnsigned(headerLength, fileSize - LENGTH_BYTES) > 0) {
            throw new MalformedSafeTensorsException(file, "the header length " + Long.toUnsignedString(headerLength)
                    + " runs past the end of the " + fileSize + "-byte file (truncated, or not a safetensors file?)");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new MalformedSafeTensorsException(file, "the header length " + headerLength + " exceeds the limit of "
                    + MAX_HEADER_BYTES + " bytes");
        }
        String json = decodeUtf8(readFully(channel, LENGTH_BYTES, (int) headerLength, file), file);
        long dataStart = LENGTH_BYTES + headerLength;
        long dataLength = fileSize - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorEntry> entries = parse(json, metadata, file);
        for (TensorEntry e : entries) {
            if (e.end() > dataLength) {
                throw new MalformedSafeTensorsException(file, e.name(), "data_offsets [" + e.begin() + ", " + e.end()
                        + "] extend past the data section of " + dataLength + " bytes (truncated?)");
            }
        }
        checkTiling(entries, dataLength, file);
        return new SafeTensorsHeader(entries, metadata, dataStart);
    }

    private static List<TensorEntry> parse(String json, Map<String, String> metadata, Path file) throws IOException {
        List<TensorEntry> entries = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedSafeTensorsException(file, "the header is not a JSON object");
            }
            Set<String> names = new HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (!names.add(name)) {
                    throw new MalformedSafeTensorsException(file, name, "the name appears twice in the header");
                }
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new MalformedSafeTensorsException(file, name.equals(METADATA_KEY) ? null : name,
                            (name.equals(METADATA_KEY) ? METADATA_KEY + " " : "") + "expected a JSON object, found " + parser.currentToken());
                }
                Map<String, JsonNode> fields = readObject(parser, name, file);
                if (name.equals(METADATA_KEY)) {
                    metadata.putAll(parseMetadata(fields, file));
                } else {
                    entries.add(parseEntry(name, fields, file));
                }
            }
            if (parser.nextToken() != null) {
                throw new MalformedSafeTensorsException(file, "unexpected content after the header's JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedSafeTensorsException(file, "the header is not valid JSON: " + e.getOriginalMessage());
        }
        return entries;
    }

    /** The fields of the object the parser is at, refusing duplicate keys (Jackson would silently keep the last). */
    private static Map<String, JsonNode> readObject(JsonParser parser, String owner, Path file) throws IOException {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            if (fields.putIfAbsent(key, parser.readValueAsTree()) != null) {
                throw new MalformedSafeTensorsException(file, owner.equals(METADATA_KEY) ? null : owner,
                        (owner.equals(METADATA_KEY) ? METADATA_KEY + ": " : "") + "field '" + key + "' appears twice");
            }
        }
        return fields;
    }

    private static Map<String, String> parseMetadata(Map<String, JsonNode> fields, Path file) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : fields.entrySet()) {
            if (!f.getValue().isTextual()) {
                throw new MalformedSafeTensorsException(file, METADATA_KEY + ": value of '" + f.getKey()
                        + "' must be a string, found " + f.getValue().getNodeType());
            }
            metadata.put(f.getKey(), f.getValue().textValue());
        }
        return metadata;
    }

    private static TensorEntry parseEntry(String name, Map<String, JsonNode> fields, Path file) throws IOException {
        for (String key : fields.keySet()) {
            if (!ENTRY_FIELDS.contains(key)) {
                throw new MalformedSafeTensorsException(file, name, "unexpected field '" + key + "' (expected dtype, shape, data_offsets)");
            }
        }
        for (String key : ENTRY_FIELDS) {
            if (!fields.containsKey(key)) {
                throw new MalformedSafeTensorsException(file, name, "missing field '" + key + "'");
            }
        }
        DType dtype = parseDType(name, fields.get("dtype"), file);
        long[] dims = nonNegativeLongs(name, "shape", fields.get("shape"), file);
        long[] offsets = nonNegativeLongs(name, "data_offsets", fields.get("data_offsets"), file);
        if (offsets.length != 2 || offsets[0] > offsets[1]) {
            throw new MalformedSafeTensorsException(file, name, "data_offsets must be [begin, end] with begin <= end, found "
                    + Arrays.toString(offsets));
        }
        long numel = 1;
        for (long d : dims) {
            if (d > Integer.MAX_VALUE) {
                throw new MalformedSafeTensorsException(file, name, "shape " + Arrays.toString(dims) + ": dimension " + d
                        + " exceeds " + Integer.MAX_VALUE);
            }
            numel = multiplySaturated(numel, d);
        }
        long needed = multiplySaturated(numel, dtype.byteSize());
        long span = offsets[1] - offsets[0];
        if (needed != span) {
            throw new MalformedSafeTensorsException(file, name, "shape " + Arrays.toString(dims) + " of " + dtype + " needs "
                    + (needed == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : needed) + " bytes, but data_offsets "
                    + Arrays.toString(offsets) + " span " + span);
        }
        if (numel > Integer.MAX_VALUE) {
            throw new MalformedSafeTensorsException(file, name, "it has " + numel + " elements; a host tensor holds at most "
                    + Integer.MAX_VALUE);
        }
        int[] intDims = Arrays.stream(dims).mapToInt(Math::toIntExact).toArray();
        return new TensorEntry(name, dtype, Shape.of(intDims), offsets[0], offsets[1]);
    }

    private static DType parseDType(String name, JsonNode node, Path file) throws IOException {
        String text = node.isTextual() ? node.textValue() : null;
        for (DType d : DType.values()) {
            if (d.name().equals(text)) {
                return d;
            }
        }
        throw new MalformedSafeTensorsException(file, name, "unknown or unsupported dtype " + node + " (supported: " + SUPPORTED + ")");
    }

    private static long[] nonNegativeLongs(String name, String field, JsonNode node, Path file) throws IOException {
        if (node.isArray()) {
            long[] out = new long[node.size()];
            boolean valid = true;
            for (int i = 0; i < out.length && valid; i++) {
                JsonNode item = node.get(i);
                valid = item.isIntegralNumber() && item.canConvertToLong() && item.longValue() >= 0;
                out[i] = valid ? item.longValue() : 0;
            }
            if (valid) {
                return out;
            }
        }
        throw new MalformedSafeTensorsException(file, name, field + " must be an array of non-negative integers, found " + node);
    }

    /** {@code a * b} for non-negative operands, or {@link Long#MAX_VALUE} on overflow (then no size can match). */
    private static long multiplySaturated(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    /** Checks that the tensors' byte ranges cover the data section exactly once, in any order. */
    private static void checkTiling(List<TensorEntry> entries, long dataLength, Path file) throws IOException {
        List<TensorEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        long covered = 0;
        TensorEntry previous = null;
        for (TensorEntry e : sorted) {
            if (e.begin() < covered) {
                throw new MalformedSafeTensorsException(file, e.name(), "data_offsets [" + e.begin() + ", " + e.end()
                        + "] overlap tensor '" + previous.name() + "' at [" + previous.begin() + ", " + previous.end() + "]");
            }
            if (e.begin() > covered) {
                throw new MalformedSafeTensorsException(file, e.name(), "data_offsets [" + e.begin() + ", " + e.end()
                        + "] leave bytes [" + covered + ", " + e.begin() + ") of the data section unused");
            }
            covered = e.end();
            previous = e;
        }
        if (covered != dataLength) {
            throw new MalformedSafeTensorsException(file, "the tensors cover " + covered + " bytes of the " + dataLength
                    + "-byte data section; the remaining bytes belong to no tensor");
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new MalformedSafeTensorsException(file, "the file ended at byte " + (position + buffer.position())
                        + " while reading the header (truncated?)");
            }
        }
        return buffer.flip();
    }

    private static String decodeUtf8(ByteBuffer bytes, Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedSafeTensorsException(file, "the header is not valid UTF-8");
        }
    }
}
