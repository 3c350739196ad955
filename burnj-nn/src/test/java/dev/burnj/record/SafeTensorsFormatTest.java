package dev.burnj.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors reader and writer against a hand-built fixture, and every malformed-file check. */
class SafeTensorsFormatTest {
    private static final String FIXTURE_JSON = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"I64\",\"shape\":[1,2],\"data_offsets\":[8,24]}}";

    @TempDir
    Path dir;

    /** The fixture as the format spec lays it out: length, JSON padded with spaces to 8-byte alignment, data. */
    private static byte[] fixtureBytes() {
        StringBuilder json = new StringBuilder(FIXTURE_JSON);
        while ((8 + json.length()) % 8 != 0) {
            json.append(' ');
        }
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + header.length + 24).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(header.length).put(header);
        out.putFloat(1.0f).putFloat(-2.5f);
        out.putLong(7).putLong(-1);
        return out.array();
    }

    private static NamedTensors fixtureTensors() {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("a", TensorData.of(new float[] {1.0f, -2.5f}, Shape.of(2)));
        tensors.put("b", TensorData.of(new long[] {7, -1}, Shape.of(1, 2)));
        return NamedTensors.of(tensors, Map.of("format", "pt"));
    }

    @Test
    void writerReproducesTheFixtureByteForByte() throws IOException {
        Path file = dir.resolve("fixture.safetensors");
        SafeTensors.write(file, fixtureTensors());
        assertArrayEquals(fixtureBytes(), Files.readAllBytes(file));
    }

    @Test
    void readerParsesTheFixture() throws IOException {
        Path file = Files.write(dir.resolve("fixture.safetensors"), fixtureBytes());
        assertEquals(fixtureTensors(), SafeTensors.read(file));
        try (SafeTensorsReader reader = SafeTensors.open(file)) {
            assertEquals(List.of(new TensorEntry("a", DType.F32, Shape.of(2), 0, 8), new TensorEntry("b", DType.I64, Shape.of(1, 2), 8, 24)),
                    reader.entries());
        }
    }

    @Test
    void everyDTypeRoundTrips() throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("f64", TensorData.of(new double[] {Math.PI, -0.0, Double.MIN_VALUE}, Shape.of(3)));
        tensors.put("i32", TensorData.of(new int[] {Integer.MIN_VALUE, 0, 5}, Shape.of(3)));
        tensors.put("bool", TensorData.of(new boolean[] {true, false, true}, Shape.of(3)));
        tensors.put("empty", TensorData.of(new float[0], Shape.of(0, 4)));
        NamedTensors original = NamedTensors.of(tensors);
        Path file = dir.resolve("all.safetensors");
        SafeTensors.write(file, original);
        assertEquals(original, SafeTensors.read(file));
    }

    @Test
    void rankZeroTensorsAreReadAndWritten() throws IOException {
        // PyTorch stores scalars (e.g. BatchNorm's num_batches_tracked) with shape []: one element, no dimensions.
        byte[] header = "{\"n\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}}   ".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, (8 + header.length) % 8);
        byte[] bytes = ByteBuffer.allocate(8 + header.length + 8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).put(header)
                .putLong(-42).array();
        Path file = Files.write(dir.resolve("scalar.safetensors"), bytes);
        try (SafeTensorsReader reader = SafeTensors.open(file)) {
            assertEquals(List.of(new TensorEntry("n", DType.I64, Shape.of(), 0, 8)), reader.entries());
            TensorData n = reader.read("n");
            assertEquals(Shape.of(), n.shape());
            assertArrayEquals(new long[] {-42}, n.toLongs());
        }
        Path written = dir.resolve("written.safetensors");
        SafeTensors.write(written, NamedTensors.of(Map.of("n", TensorData.of(new long[] {-42}, Shape.of()))));
        assertArrayEquals(bytes, Files.readAllBytes(written));
    }

    @Test
    void floatsCanBeStoredAsHalfPrecision() throws IOException {
        float[] values = {1.0f, 1 + 0x1p-11f, 65520f, 0x1p-24f};
        NamedTensors tensors = NamedTensors.of(Map.of("x", TensorData.of(values, Shape.of(4)), "i", TensorData.of(new int[] {3}, Shape.of(1))));
        Path f16 = dir.resolve("f16.safetensors");
        SafeTensors.write(f16, tensors, DType.F16);
        try (SafeTensorsReader reader = SafeTensors.open(f16)) {
            assertEquals(DType.F16, reader.entry("x").orElseThrow().dtype());
            assertEquals(DType.I32, reader.entry("i").orElseThrow().dtype());
            assertArrayEquals(new float[] {1.0f, 1.0f, Float.POSITIVE_INFINITY, 0x1p-24f}, reader.read("x").toFloats());
        }
        Path bf16 = dir.resolve("bf16.safetensors");
        SafeTensors.write(bf16, tensors, DType.BF16);
        assertArrayEquals(new float[] {1.0f, 1.0f, 65536f, 0x1p-24f}, SafeTensors.read(bf16).tensors().get("x").toFloats());
    }

    // ---- malformed files ------------------------------------------------------------------------------------------

    private Path file(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("bad.safetensors"), bytes);
    }

    /** A file with {@code json} as its header and {@code dataBytes} zero bytes of data. */
    private Path file(String json, int dataBytes) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        return file(ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).put(header).array());
    }

    private static void assertMalformed(Path file, String tensor, String... fragments) {
        MalformedSafeTensorsException e = assertThrows(MalformedSafeTensorsException.class, () -> SafeTensors.read(file));
        assertEquals(file, e.file());
        assertEquals(tensor, e.tensor().orElse(null), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "'" + fragment + "' not in: " + e.getMessage());
        }
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    @Test
    void truncatedBeforeTheHeaderLength() throws IOException {
        assertMalformed(file(new byte[5]), null, "5 bytes, fewer than the 8", "truncated");
    }

    @Test
    void headerLengthPastTheEndOrAbsurd() throws IOException {
        byte[] small = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array();
        assertMalformed(file(small), null, "header length 1000 runs past the end of the 20-byte file");
        byte[] huge = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array();
        assertMalformed(file(huge), null, "header length 18446744073709551615 runs past the end");
        byte[] fixture = fixtureBytes();
        assertMalformed(file(java.util.Arrays.copyOf(fixture, fixture.length - 4)), "b", "extend past the data section of 20 bytes");
    }

    @Test
    void invalidHeaderText() throws IOException {
        assertMalformed(file("{\"a\":", 0), null, "not valid JSON");
        assertMalformed(file("[1, 2]", 0), null, "not a JSON object");
        assertMalformed(file("{} x", 0), null, "not valid JSON");
        assertMalformed(file(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(4).put(new byte[] {'{', (byte) 0xC3, 0x28, '}'}).array()),
                null, "not valid UTF-8");
        assertMalformed(file("{\"__metadata__\":{\"k\":1}}", 0), null, "__metadata__: value of 'k' must be a string");
    }

    @Test
    void badEntries() throws IOException {
        assertMalformed(file("{" + entry("w", "U8", "[2]", 0, 2) + "}", 2), "w", "unknown or unsupported dtype \"U8\"", "supported: F64, F32");
        assertMalformed(file("{" + entry("w", "F32", "[3]", 0, 8) + "}", 8), "w", "shape [3] of F32 needs 12 bytes, but data_offsets [0, 8] span 8");
        assertMalformed(file("{" + entry("w", "F32", "[-1]", 0, 0) + "}", 0), "w", "shape must be an array of non-negative integers");
        assertMalformed(file("{" + entry("w", "F32", "[2]", 8, 0) + "}", 8), "w", "data_offsets must be [begin, end] with begin <= end");
        assertMalformed(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[0]}}", 0), "w", "missing field 'data_offsets'");
        assertMalformed(file("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[0,0]}}", 0), "w",
                "field 'dtype' appears twice");
        assertMalformed(file("{" + entry("w", "F32", "[65536,65536]", 0, 17179869184L) + "}", 0), "w", "4294967296 elements; a host tensor holds at most");
    }

    @Test
    void duplicateNames() throws IOException {
        assertMalformed(file("{" + entry("w", "F32", "[1]", 0, 4) + "," + entry("w", "F32", "[1]", 4, 8) + "}", 8), "w",
                "the name appears twice");
    }

    @Test
    void offsetsMustTileTheDataSection() throws IOException {
        assertMalformed(file("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}", 12), "b",
                "data_offsets [4, 12] overlap tensor 'a' at [0, 8]");
        assertMalformed(file("{" + entry("a", "F32", "[2]", 4, 12) + "}", 12), "a", "leave bytes [0, 4) of the data section unused");
        assertMalformed(file("{" + entry("a", "F32", "[2]", 0, 8) + "}", 12), null, "the tensors cover 8 bytes of the 12-byte data section");
        assertMalformed(file("{" + entry("a", "F32", "[2]", 0, 8) + "}", 4), "a", "data_offsets [0, 8] extend past the data section of 4 bytes");
    }
}
