package dev.burnj.data.source;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledImage;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * MNIST handwritten digits: 60 000 training and 10 000 test grey 28×28 images, read from the IDX files, looked up as
 * {@link DataLocator} describes. Debian has no MNIST package; {@code /usr/share/datasets/mnist} is searched on the
 * assumption that one would follow {@code dataset-fashion-mnist}'s layout.
 *
 * <p>burnj ships no MNIST checksums: none could be verified against the real files where this was written, so
 * {@link #download} takes the checksums from the caller.
 */
public final class MnistDataset {
    /** The name of the dataset's directory under {@code BURNJ_DATA} and the cache. */
    public static final String NAME = "mnist";
    /** The usual normalisation statistics of MNIST's training pixels in [0, 1]. */
    public static final float MEAN = 0.1307f;
    public static final float STD = 0.3081f;

    static final IdxSpec SPEC = new IdxSpec(NAME, List.of(Path.of("/usr/share/datasets/mnist")),
            "set BURNJ_DATA to a directory with an mnist/ subdirectory holding the four IDX files (train-images-idx3-ubyte.gz, ...), "
                    + "put them in ~/.burnj/data/mnist, or call MnistDataset.download(mirror, checksums)",
            MEAN, STD);

    private MnistDataset() {}

    public static IdxImageDataset train() {
        return SPEC.load(true, null, DataLocator.fromEnvironment());
    }

    public static IdxImageDataset test() {
        return SPEC.load(false, null, DataLocator.fromEnvironment());
    }

    public static IdxImageDataset train(Path dir) {
        return SPEC.load(true, dir, DataLocator.fromEnvironment());
    }

    public static IdxImageDataset test(Path dir) {
        return SPEC.load(false, dir, DataLocator.fromEnvironment());
    }

    /** {@code images} standardised with {@link #MEAN} and {@link #STD}. */
    public static Dataset<LabeledImage> normalized(Dataset<LabeledImage> images) {
        return SPEC.normalized(images);
    }

    /** Downloads {@code files} (names and SHA-256s the caller vouches for) from {@code base} into the user cache. */
    public static List<Path> download(URI base, List<RemoteFile> files) {
        return SPEC.download(base, DataLocator.fromEnvironment().cacheDir(NAME), files);
    }
}
