package dev.burnj.data.source;

import dev.burnj.data.Dataset;
import dev.burnj.data.LabeledImage;
import dev.burnj.data.transform.Normalize;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * What MNIST and Fashion-MNIST share: the four IDX files, where to look for them, and the training-set statistics
 * for normalisation.
 */
record IdxSpec(String dataset, List<Path> systemDirs, String howToGet, float mean, float std) {
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    IdxImageDataset load(boolean train, Path explicitDir, DataLocator locator) {
        List<String> names = train ? List.of(TRAIN_IMAGES, TRAIN_LABELS) : List.of(TEST_IMAGES, TEST_LABELS);
        List<Path> files = locator.locate(dataset, explicitDir, systemDirs, names, howToGet);
        return IdxImageDataset.read(dataset + (train ? "-train" : "-test"), files.get(0), files.get(1));
    }

    Dataset<LabeledImage> normalized(Dataset<LabeledImage> images) {
        return images.map(Normalize.of(mean, std));
    }

    List<Path> download(URI base, Path dir, List<RemoteFile> files) {
        return Downloader.standard().download(base, dir, files);
    }
}
