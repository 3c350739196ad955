package dev.burnj.samples.gan;

import dev.burnj.data.source.DataNotFoundException;
import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.data.source.IdxImageDataset;
import dev.burnj.testkit.Requirement;

/** The Fashion-MNIST training set for the tests that need real images: skips them (or fails, if required) without it. */
final class FashionData {
    private static IdxImageDataset train;

    private FashionData() {}

    static synchronized IdxImageDataset train() {
        if (train == null) {
            try {
                train = FashionMnistDataset.train();
            } catch (DataNotFoundException e) {
                Requirement.assumeOrFail("fashion-mnist", false, e.getMessage());
            }
        }
        return train;
    }
}
