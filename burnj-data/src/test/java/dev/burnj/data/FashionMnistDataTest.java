package dev.burnj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnj.data.source.DataLocator;
import dev.burnj.data.source.Downloader;
import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.data.source.IdxImageDataset;
import dev.burnj.data.source.RemoteFile;
import dev.burnj.testkit.Requirement;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Fashion-MNIST from Debian's {@code dataset-fashion-mnist}. The expected numbers were computed independently
 * by src/test/python/fashion_mnist_stats.py (gzip + struct on /usr/bin/python3) from the same files. Skips without
 * the package unless {@code BURNJ_REQUIRE} lists {@code fashion-mnist}.
 */
class FashionMnistDataTest {
    private static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @BeforeAll
    static void requireData() {
        boolean present = Files.isRegularFile(DEBIAN.resolve("train-images-idx3-ubyte.gz"))
                && Files.isRegularFile(DEBIAN.resolve("t10k-labels-idx1-ubyte.gz"));
        Requirement.assumeOrFail("fashion-mnist", present, DEBIAN + " not found (apt-get install dataset-fashion-mnist)");
    }

    private static long pixelSum(LabeledImage image) {
        long sum = 0;
        for (float p : image.pixels()) {
            sum += Math.round(p * 255);
        }
        return sum;
    }

    private static void check(IdxImageDataset ds, int size, int perClass, int[] labels, long[] sums, int[] items) {
        assertEquals(size, ds.size());
        int[] histogram = new int[10];
        for (int i = 0; i < ds.size(); i++) {
            histogram[ds.label(i)]++;
        }
        int[] expected = new int[10];
        java.util.Arrays.fill(expected, perClass);
        assertArrayEquals(expected, histogram);
        for (int k = 0; k < items.length; k++) {
            LabeledImage image = ds.get(items[k]);
            assertEquals(labels[k], image.label(), "label of item " + items[k]);
            assertEquals(sums[k], pixelSum(image), "pixel sum of item " + items[k]);
            assertEquals(28, image.height());
        }
    }

    @Test
    void trainingSet() {
        IdxImageDataset train = FashionMnistDataset.load(true, null, new DataLocator(null, Path.of("/nonexistent")));
        check(train, 60_000, 6_000, new int[] {9, 0, 5}, new long[] {76247, 84598, 16684}, new int[] {0, 1, 59_999});
    }

    @Test
    void testSet() {
        IdxImageDataset test = FashionMnistDataset.test(DEBIAN);
        check(test, 10_000, 1_000, new int[] {9, 2, 5}, new long[] {33456, 100994, 24390}, new int[] {0, 1, 9_999});
    }

    @Test
    void downloadFromALoopbackMirrorVerifiesAndLoads(@TempDir Path cache) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fm/", exchange -> {
            Path file = DEBIAN.resolve(Path.of(exchange.getRequestURI().getPath()).getFileName().toString());
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        });
        server.start();
        try {
            URI mirror = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fm/");
            assertEquals(4, FashionMnistDataset.download(mirror, cache).size());
        } finally {
            server.stop(0);
        }
        assertEquals(10_000, FashionMnistDataset.test(cache).size());
    }

    @Test
    void committedChecksumsMatchTheDebianFiles() throws IOException {
        for (RemoteFile file : FashionMnistDataset.FILES) {
            assertEquals(file.sha256(), Downloader.contentSha256(DEBIAN.resolve(file.name())), file.name());
        }
    }
}
