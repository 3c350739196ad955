package dev.burnj.samples.gan;

import dev.burnj.data.source.DataNotFoundException;
import dev.burnj.data.source.FashionMnistDataset;
import dev.burnj.data.source.IdxImageDataset;
import dev.burnj.testkit.Requirement;
import java.util.function.Supplier;

/** The Fashion-MNIST sets for the tests that need real images: skips them (or fails, if required) without them. */
final class FashionData {
    private static IdxImageDataset train;
    private static IdxImageDataset test;

    private FashionData() {}

    static synchronized IdxImageDataset train() {
        if (train == null) {
            train = load(FashionMnistDataset::train);
        }
        return train;
    }

    static synchronized IdxImageDataset test() {
        if (test == null) {
            test = load(FashionMnistDataset::test);
        }
        return test;
    }

    private static IdxImageDataset load(Supplier<IdxImageDataset> split) {
        try {
            return split.get();
        } catch (DataNotFoundException e) {
            Requirement.assumeOrFail("fashion-mnist", false, e.getMessage());
            throw e; // not reached: assumeOrFail skips or fails the test
        }
    }
}
