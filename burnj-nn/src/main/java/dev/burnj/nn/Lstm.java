package dev.burnj.nn;

import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorOptions;
import java.util.Arrays;
import java.util.List;

/**
 * A multi-layer long short-term memory network (Hochreiter and Schmidhuber; PyTorch's {@code nn.LSTM}). Each time
 * step computes, from the input {@code x} and the previous hidden and cell states {@code h} and {@code c},
 *
 * <pre>
 * i = σ(W_ii x + b_ii + W_hi h + b_hi)     f = σ(W_if x + b_if + W_hf h + b_hf)
 * g = tanh(W_ig x + b_ig + W_hg h + b_hg)  o = σ(W_io x + b_io + W_ho h + b_ho)
 * c' = f ⊙ c + i ⊙ g                       h' = o ⊙ tanh(c')
 * </pre>
 *
 * <p>State is named and laid out as PyTorch's: {@code weight_ih_l{k}} {@code [4H, in]}, {@code weight_hh_l{k}}
 * {@code [4H, H]}, {@code bias_ih_l{k}} and {@code bias_hh_l{k}} {@code [4H]} with the gates stacked in the order
 * i, f, g, o, plus {@code _reverse} copies when bidirectional.
 */
public final class Lstm extends Recurrent {
    private static final List<String> STATES = List.of("h0", "c0");

    private final LstmConfig config;

    Lstm(LstmConfig config, TensorOptions options) {
        super("Lstm", 4, config.inputSize(), config.hiddenSize(), config.numLayers(), config.bias(), config.batchFirst(), config.dropout(),
                config.bidirectional(), options);
        this.config = config;
    }

    public LstmConfig config() {
        return config;
    }

    /** The layer from zero initial states; see {@link #forward(Tensor3, Tensor3, Tensor3)}. */
    public LstmOutput forward(Tensor3 input) {
        return forward(input, null, null);
    }

    /**
     * Runs the network over {@code input} {@code [L, B, inputSize]} ({@code [B, L, inputSize]} when batch first) from
     * the initial hidden state {@code h0} and cell state {@code c0}, each {@code [numLayers·directions, B, H]} or null
     * for zeros. Returns the last layer's hidden states at every step and the final states of every layer.
     */
    public LstmOutput forward(Tensor3 input, Tensor3 h0, Tensor3 c0) {
        List<Tensor3> out = run(input, STATES, Arrays.asList(h0, c0));
        return new LstmOutput(out.get(0), out.get(1), out.get(2));
    }

    @Override
    Tensor2[] step(Tensor2 inputGates, Tensor2 hiddenGates, Tensor2[] state) {
        int h = hiddenSize();
        Tensor2 gates = inputGates.add(hiddenGates);
        Tensor2 i = gates.narrow(1, 0, h).sigmoid();
        Tensor2 f = gates.narrow(1, h, h).sigmoid();
        Tensor2 g = gates.narrow(1, 2 * h, h).tanh();
        Tensor2 o = gates.narrow(1, 3 * h, h).sigmoid();
        Tensor2 c = f.mul(state[1]).add(i.mul(g));
        return new Tensor2[] {o.mul(c.tanh()), c};
    }
}
