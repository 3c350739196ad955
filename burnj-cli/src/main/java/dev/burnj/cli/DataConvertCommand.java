package dev.burnj.cli;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledFeatures;
import dev.burnj.data.source.ArrowWriter;
import dev.burnj.data.source.DataLocator;
import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.data.source.IdxImageDataset;
import dev.burnj.data.source.MnistDataset;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code burnj data convert}: IDX image files (MNIST, Fashion-MNIST or any pair) to one Arrow IPC file with columns
 * {@code features} (the flattened pixels in [0, 1]) and {@code label}, which {@code ArrowDataset} reads back.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Converts IDX images and labels to an Arrow IPC file (columns 'features': F32 pixels in [0, 1], row-major; 'label': I32).")
final class DataConvertCommand implements Callable<Integer> {
    /** Which dataset of IDX files to read. */
    enum Known {
        FASHION_MNIST, MNIST
    }

    /** Which split of a known dataset. */
    enum SplitName {
        TRAIN, TEST
    }

    @ParentCommand
    DataCommand parent;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** A known dataset, or an explicit pair of files. */
    static final class Source {
        @Option(names = "--dataset", paramLabel = "NAME", description = "fashion-mnist or mnist, found as 'burnj data' documents (BURNJ_DATA, Debian's package, ...).",
                converter = KnownConverter.class)
        Known dataset;

        @ArgGroup(exclusive = false)
        Files files;
    }

    /** The IDX files of one split. */
    static final class Files {
        @Option(names = "--images", required = true, paramLabel = "FILE", description = "An IDX images file [N, H, W] (raw or .gz).")
        Path images;

        @Option(names = "--labels", required = true, paramLabel = "FILE", description = "The matching IDX labels file [N].")
        Path labels;
    }

    @Option(names = "--split", paramLabel = "train|test", defaultValue = "train", description = "The split of --dataset (default: ${DEFAULT-VALUE}).")
    SplitName split;

    @Option(names = "--dir", paramLabel = "DIR", description = "Read --dataset's files from DIR only.")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "FILE.arrow", description = "The Arrow file to write.")
    Path out;

    @Option(names = "--rows-per-batch", paramLabel = "N", defaultValue = "10000", description = "Rows per Arrow record batch (default: ${DEFAULT-VALUE}).")
    int rowsPerBatch;

    @Override
    public Integer call() {
        if (rowsPerBatch < 1) {
            throw new UsageException("--rows-per-batch must be >= 1, got " + rowsPerBatch);
        }
        IdxImageDataset images = images();
        Dataset<LabeledFeatures> rows = images.map(image -> new LabeledFeatures(image.pixels(), image.label()));
        ArrowWriter.write(rows, out, rowsPerBatch);
        parent.parent.out.println("wrote " + images.size() + " rows of " + images.height() + "x" + images.width() + " features to " + out);
        return ExitCodes.OK;
    }

    private IdxImageDataset images() {
        if (source.files != null) {
            return IdxImageDataset.read(source.files.images.getFileName().toString(), source.files.images, source.files.labels);
        }
        boolean train = split == SplitName.TRAIN;
        return switch (source.dataset) {
            case FASHION_MNIST -> FashionMnistDataset.load(train, dir, DataLocator.fromEnvironment());
            case MNIST -> dir != null ? (train ? MnistDataset.train(dir) : MnistDataset.test(dir))
                    : (train ? MnistDataset.train() : MnistDataset.test());
        };
    }

    /** Reads {@code fashion-mnist} and {@code mnist}. */
    static final class KnownConverter implements picocli.CommandLine.ITypeConverter<Known> {
        @Override
        public Known convert(String value) {
            return switch (value) {
                case "fashion-mnist" -> Known.FASHION_MNIST;
                case "mnist" -> Known.MNIST;
                default -> throw new picocli.CommandLine.TypeConversionException("expected fashion-mnist or mnist, got '" + value + "'");
            };
        }
    }
}
