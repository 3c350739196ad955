package dev.burnj.bench;

import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.loader.DataLoaderConfig;
import dev.burnj.data.loader.ImageBatcher;
import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.data.source.IdxImageDataset;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Tensor2;
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
 * One shuffled epoch of Fashion-MNIST's 60 000 training images through the {@link DataLoader} into batches of 64
 * ({@code Tensor2 [64, 784]} + targets) on one backend, with 0, 1 and 2 workers. One operation is one epoch, so
 * items/s = 60 000 / (seconds per op). Needs the data ({@code apt-get install dataset-fashion-mnist} or
 * {@code BURNJ_DATA}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class DataLoaderBenchmarks {
    @Param({"nd4j"})
    public String backend;

    @Param({"0", "1", "2"})
    public int workers;

    private IdxImageDataset train;
    private DataLoader<dev.burnj.data.LabeledImage, ClassificationBatch<Tensor2>> loader;

    @Setup(Level.Trial)
    public void setUp() {
        train = FashionMnistDataset.train();
        DataLoaderConfig config = DataLoaderConfig.of(64).withShuffle(1).withWorkers(workers).withName("bench-loader");
        loader = DataLoader.of(train, ImageBatcher.flat(), config, Device.of(backend));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loader.close();
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
