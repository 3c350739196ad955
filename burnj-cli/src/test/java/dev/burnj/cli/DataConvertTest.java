package dev.burnj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.data.LabeledFeatures;
import dev.burnj.data.source.ArrowColumns;
import dev.burnj.data.source.ArrowDataset;
import dev.burnj.data.source.ArrowWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code burnj data convert}: IDX files to Arrow, read back with ArrowDataset. */
class DataConvertTest {
    @TempDir
    Path dir;

    /** An IDX file of unsigned bytes: magic 0x0000_08_nd, the dimensions, then the data. */
    private static Path idx(Path file, byte[] data, int... dims) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(0x0800 | dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return Files.write(file, b.array());
    }

    @Test
    void convertsIdxImagesAndLabelsToArrow() throws IOException {
        byte[] pixels = new byte[3 * 2 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 20);
        }
        Path images = idx(dir.resolve("images-idx3-ubyte"), pixels, 3, 2, 2);
        Path labels = idx(dir.resolve("labels-idx1-ubyte"), new byte[] {7, 0, 9}, 3);
        Path out = dir.resolve("out.arrow");
        Cli r = Cli.run("data", "convert", "--images", images.toString(), "--labels", labels.toString(), "--out", out.toString(),
                "--rows-per-batch", "2");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("wrote 3 rows of 2x2 features to " + out), r::toString);
        try (ArrowDataset back = ArrowDataset.open(out, ArrowColumns.of(ArrowWriter.FEATURES, ArrowWriter.LABEL))) {
            assertEquals(3, back.size());
            assertEquals(2, back.recordBatches());
            int[] expectedLabels = {7, 0, 9};
            for (int i = 0; i < 3; i++) {
                LabeledFeatures row = back.get(i);
                float[] expected = new float[4];
                for (int p = 0; p < 4; p++) {
                    expected[p] = (i * 4 + p) * 20 / 255f;
                }
                assertArrayEquals(expected, row.features(), 1e-6f);
                assertEquals(expectedLabels[i], row.label());
            }
        }
    }

    @Test
    void badInputIsOneLine() throws IOException {
        Path labels = idx(dir.resolve("labels"), new byte[] {1, 2}, 2);
        Cli mismatch = Cli.run("data", "convert", "--images", labels.toString(), "--labels", labels.toString(), "--out",
                dir.resolve("x.arrow").toString());
        assertEquals(1, mismatch.code(), mismatch::toString);
        assertEquals(1, mismatch.errLines().size(), mismatch::toString);
        assertTrue(mismatch.err().contains("expected 3 dimensions"), mismatch::toString);
        Cli neither = Cli.run("data", "convert", "--out", dir.resolve("x.arrow").toString());
        assertEquals(2, neither.code(), neither::toString);
        Cli unknown = Cli.run("data", "convert", "--dataset", "cifar", "--out", dir.resolve("x.arrow").toString());
        assertEquals(2, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("expected fashion-mnist or mnist, got 'cifar'"), unknown::toString);
    }
}
