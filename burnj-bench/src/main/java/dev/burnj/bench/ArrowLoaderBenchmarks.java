package dev.burnj.bench;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledFeatures;
import dev.burnj.data.LabeledImage;
import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.loader.DataLoaderConfig;
import dev.burnj.data.loader.ImageBatcher;
import dev.burnj.data.source.ArrowColumns;
import dev.burnj.data.source.ArrowDataset;
import dev.burnj.data.source.ArrowWriter;
import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Tensor2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One epoch of Fashion-MNIST's 60 000 training images read from an Arrow IPC file (written from the IDX files in the
 * set-up) through the {@link DataLoader} into batches of 64, in file order, with 0, 1 and 2 workers — the Arrow
 * counterpart of {@link DataLoaderBenchmarks}. items/s = 60 000 / (seconds per op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class ArrowLoaderBenchmarks {
    @Param({"nd4j"})
    public String backend;

    @Param({"0", "1", "2"})
    public int workers;

    private Path file;
    private ArrowDataset arrow;
    private DataLoader<LabeledImage, ClassificationBatch<Tensor2>> loader;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("burnj-bench-fashion", ".arrow");
        Dataset<LabeledFeatures> rows = FashionMnistDataset.train().map(image -> new LabeledFeatures(image.pixels(), image.label()));
        ArrowWriter.write(rows, file, 4096);
        arrow = ArrowDataset.open(file, ArrowColumns.of(ArrowWriter.FEATURES, ArrowWriter.LABEL));
        Dataset<LabeledImage> images = arrow.map(row -> row.toImage(1, 28, 28));
        DataLoaderConfig config = DataLoaderConfig.of(64).withWorkers(workers).withName("bench-arrow");
        loader = DataLoader.of(images, ImageBatcher.flat(), config, Device.of(backend));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        loader.close();
        arrow.close();
        Files.deleteIfExists(file);
    }

    @Benchmark
    public long epoch() {
        long items = 0;
        for (ClassificationBatch<Tensor2> batch : loader) {
            try (batch) {
                items += batch.inputs().dim(0);
            }
        }
        return items;
    }
}
