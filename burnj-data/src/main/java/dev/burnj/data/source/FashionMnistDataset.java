package dev.burnj.data.source;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledImage;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao et al., 2017): 60 000 training and 10 000 test grey 28×28 images of 10 clothing classes, read
 * from the IDX files. Files are looked up as {@link DataLocator} describes, with Debian's package directory
 * {@code /usr/share/datasets/fashion-mnist} ({@code apt-get install dataset-fashion-mnist}) as the system location.
 * Nothing is downloaded unless {@link #download} is called.
 */
public final class FashionMnistDataset {
    /** The name of the dataset's directory under {@code BURNJ_DATA} and the cache. */
    public static final String NAME = "fashion-mnist";
    /** Where upstream serves the files. */
    public static final URI UPSTREAM = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
    /** Mean and standard deviation of the training pixels in [0, 1], computed from the files. */
    public static final float MEAN = 0.2860406f;
    public static final float STD = 0.3530242f;

    /**
     * SHA-256 of the decompressed IDX files, computed from Debian's {@code dataset-fashion-mnist}
     * (0.0~git20200523.55506a9-1), whose content is upstream's; the {@code .gz} files themselves were recompressed
     * by Debian, so their bytes (and upstream's published MD5s) differ.
     */
    public static final List<RemoteFile> FILES = List.of(
            new RemoteFile(IdxSpec.TRAIN_IMAGES + ".gz", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new RemoteFile(IdxSpec.TRAIN_LABELS + ".gz", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            new RemoteFile(IdxSpec.TEST_IMAGES + ".gz", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new RemoteFile(IdxSpec.TEST_LABELS + ".gz", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

    static final IdxSpec SPEC = new IdxSpec(NAME, List.of(Path.of("/usr/share/datasets/fashion-mnist")),
            "apt-get install dataset-fashion-mnist, set BURNJ_DATA to a directory with a fashion-mnist/ subdirectory holding the "
                    + "four IDX files, or call FashionMnistDataset.download() once to fetch them into ~/.burnj/data/fashion-mnist",
            MEAN, STD);

    private FashionMnistDataset() {}

    /** The 60 000 training images, pixels in [0, 1]. */
    public static IdxImageDataset train() {
        return SPEC.load(true, null, DataLocator.fromEnvironment());
    }

    /** The 10 000 test images, pixels in [0, 1]. */
    public static IdxImageDataset test() {
        return SPEC.load(false, null, DataLocator.fromEnvironment());
    }

    /** The training images from {@code dir} only. */
    public static IdxImageDataset train(Path dir) {
        return SPEC.load(true, dir, DataLocator.fromEnvironment());
    }

    /** The test images from {@code dir} only. */
    public static IdxImageDataset test(Path dir) {
        return SPEC.load(false, dir, DataLocator.fromEnvironment());
    }

    /** The split looked up with {@code locator} (explicit directory {@code dir} if not null). */
    public static IdxImageDataset load(boolean train, Path dir, DataLocator locator) {
        return SPEC.load(train, dir, locator);
    }

    /** {@code images} standardised with the training set's {@link #MEAN} and {@link #STD}. */
    public static Dataset<LabeledImage> normalized(Dataset<LabeledImage> images) {
        return SPEC.normalized(images);
    }

    /** Downloads the four files from upstream into the user cache ({@code ~/.burnj/data/fashion-mnist}), verifying each. */
    public static List<Path> download() {
        return download(UPSTREAM, DataLocator.fromEnvironment().cacheDir(NAME));
    }

    /** Downloads the four files from {@code base} (a mirror) into {@code dir}, verifying each against {@link #FILES}. */
    public static List<Path> download(URI base, Path dir) {
        return SPEC.download(base, dir, FILES);
    }
}
