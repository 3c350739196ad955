package dev.burnj.nn;

import dev.burnj.backend.ConvOptions;
import java.util.List;

/** Validation and option building shared by the convolution layers and their configs. */
final class ConvChecks {
    private ConvChecks() {}

    static void channels(String layer, int in, int out, int groups) {
        Sizes.positive(layer, "inChannels", in);
        Sizes.positive(layer, "outChannels", out);
        Sizes.positive(layer, "groups", groups);
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException(layer + ": groups " + groups + " must divide inChannels " + in + " and outChannels " + out);
        }
    }

    static ConvOptions options(List<Integer> stride, List<Integer> padding, List<Integer> dilation, int groups) {
        return new ConvOptions(Sizes.array(stride), Sizes.array(padding), Sizes.array(dilation), groups);
    }
}
