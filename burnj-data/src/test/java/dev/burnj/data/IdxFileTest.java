package dev.burnj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.burnj.data.source.IdxFile;
import dev.burnj.data.source.IdxImageDataset;
import dev.burnj.data.source.InvalidDataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    @TempDir
    Path dir;

    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] images(int n, int h, int w) {
        byte[] data = new byte[n * h * w];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        return idx(new int[] {n, h, w}, data);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void readsRawAndGzip() throws IOException {
        byte[] raw = images(5, 3, 2);
        for (Path file : new Path[] {write("a", raw), write("a.gz", gzip(raw))}) {
            IdxFile idx = IdxFile.read(file);
            assertArrayEquals(new int[] {5, 3, 2}, idx.dims());
            assertArrayEquals(Arrays.copyOfRange(raw, 16, raw.length), idx.data());
        }
    }

    @Test
    void imageDatasetScalesToUnitRangeAndChecksCounts() throws IOException {
        Path images = write("i.gz", gzip(images(4, 2, 3)));
        Path labels = write("l", idx(new int[] {4}, new byte[] {3, 1, 4, 1}));
        IdxImageDataset ds = IdxImageDataset.read("tiny", images, labels);
        assertEquals(4, ds.size());
        LabeledImage second = ds.get(1);
        assertEquals(1, second.label());
        for (int p = 0; p < 6; p++) {
            assertEquals(((6 + p) * 7 & 0xFF) / 255f, second.pixels()[p], 1e-7);
        }
        Path fewLabels = write("l3", idx(new int[] {3}, new byte[] {3, 1, 4}));
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> IdxImageDataset.read("tiny", images, fewLabels));
        assertTrue(e.getMessage().contains("expected 4 labels") && e.getMessage().contains("found 3"), e.getMessage());
    }

    @Test
    void wrongMagicNamesFileAndBytes() throws IOException {
        byte[] bad = images(2, 2, 2);
        bad[0] = 0x12;
        Path file = write("bad", bad);
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> IdxFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": byte 0: expected the IDX magic 00 00 <type> <ndims>, found 12 00 08 03"), e.getMessage());
        byte[] floats = images(2, 2, 2);
        floats[2] = 0x0D;
        Path f2 = write("floats", floats);
        e = assertThrows(InvalidDataException.class, () -> IdxFile.read(f2));
        assertTrue(e.getMessage().contains("byte 2: expected element type 0x08 (unsigned byte), found 0x0d"), e.getMessage());
    }

    @Test
    void headerDimsThatDisagreeWithTheLength() throws IOException {
        byte[] raw = images(3, 2, 2);
        Path shortRaw = write("short", Arrays.copyOf(raw, raw.length - 1));
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> IdxFile.read(shortRaw));
        assertTrue(e.getMessage().contains("header dims 3x2x2 need 12 data bytes after the 16-byte header, the file has 11"), e.getMessage());
        Path longGz = write("long.gz", gzip(Arrays.copyOf(raw, raw.length + 5)));
        e = assertThrows(InvalidDataException.class, () -> IdxFile.read(longGz));
        assertTrue(e.getMessage().contains("uncompressed byte 28") && e.getMessage().contains("the file goes on"), e.getMessage());
        Path shortGz = write("short.gz", gzip(Arrays.copyOf(raw, raw.length - 4)));
        e = assertThrows(InvalidDataException.class, () -> IdxFile.read(shortGz));
        assertTrue(e.getMessage().contains("expected 12 data bytes after the header, the stream ends after 8"), e.getMessage());
    }

    @Test
    void hugeClaimedDimsFailWithoutAllocating() throws IOException {
        byte[] header = idx(new int[] {60000, 60000, 28}, new byte[100]);
        Path gz = write("huge.gz", gzip(header));
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> IdxFile.read(gz));
        assertTrue(e.getMessage().contains("need more than"), e.getMessage());
        Path claims = write("claims.gz", gzip(idx(new int[] {2_000_000, 1000}, new byte[100])));
        e = assertThrows(InvalidDataException.class, () -> IdxFile.read(claims));
        assertTrue(e.getMessage().contains("the stream ends after 100"), e.getMessage());
    }

    @Test
    void truncatedGzip() throws IOException {
        byte[] gz = gzip(images(50, 8, 8));
        Path file = write("trunc.gz", Arrays.copyOf(gz, gz.length / 2));
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> IdxFile.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("truncated gzip stream"), e.getMessage());
        assertTrue(e.getMessage().contains("uncompressed byte"), e.getMessage());
    }

    @Test
    void randomCorruptionGivesOnlyCleanErrors() throws IOException {
        byte[] raw = images(40, 6, 6);
        byte[] gz = gzip(raw);
        Random random = new Random(2024);
        int clean = 0;
        for (int trial = 0; trial < 400; trial++) {
            boolean compressed = trial % 2 == 0;
            byte[] bytes = (compressed ? gz : raw).clone();
            if (random.nextBoolean()) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            } else {
                for (int k = 0; k <= random.nextInt(3); k++) {
                    // Bias flips towards the header, where they do the most damage.
                    int at = random.nextBoolean() ? random.nextInt(Math.min(bytes.length, 24)) : random.nextInt(bytes.length);
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            Path file = write("corrupt" + trial + (compressed ? ".gz" : ""), bytes);
            try {
                IdxFile idx = IdxFile.read(file);
                assertEquals(idx.data().length, Arrays.stream(idx.dims()).asLongStream().reduce(1, (a, b) -> a * b));
                clean++;
            } catch (InvalidDataException e) {
                assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
            } catch (Throwable t) {
                fail("trial " + trial + " (" + (compressed ? "gzip" : "raw") + "): " + t, t);
            }
            Files.delete(file);
        }
        assertTrue(clean < 400, "some corruption must be detected");
    }
}
