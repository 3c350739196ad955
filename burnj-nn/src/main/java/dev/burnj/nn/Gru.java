package dev.burnj.nn;

import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorOptions;
import java.util.Collections;
import java.util.List;

/**
 * A multi-layer gated recurrent unit network (Cho et al.; PyTorch's {@code nn.GRU}). Each time step computes, from
 * the input {@code x} and the previous hidden state {@code h},
 *
 * <pre>
 * r = σ(W_ir x + b_ir + W_hr h + b_hr)     z = σ(W_iz x + b_iz + W_hz h + b_hz)
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
 * h' = (1 - z) ⊙ n + z ⊙ h
 * </pre>
 *
 * <p>As in PyTorch the reset gate scales the hidden projection including its bias {@code b_hn}. State is named and
 * laid out as PyTorch's: {@code weight_ih_l{k}} {@code [3H, in]}, {@code weight_hh_l{k}} {@code [3H, H]},
 * {@code bias_ih_l{k}} and {@code bias_hh_l{k}} {@code [3H]} with the gates stacked in the order r, z, n, plus
 * {@code _reverse} copies when bidirectional.
 */
public final class Gru extends Recurrent {
    private static final List<String> STATES = List.of("h0");

    private final GruConfig config;

    Gru(GruConfig config, TensorOptions options) {
        super("Gru", 3, config.inputSize(), config.hiddenSize(), config.numLayers(), config.bias(), config.batchFirst(), config.dropout(),
                config.bidirectional(), options);
        this.config = config;
    }

    public GruConfig config() {
        return config;
    }

    /** The layer from a zero initial state; see {@link #forward(Tensor3, Tensor3)}. */
    public GruOutput forward(Tensor3 input) {
        return forward(input, null);
    }

    /**
     * Runs the network over {@code input} {@code [L, B, inputSize]} ({@code [B, L, inputSize]} when batch first) from
     * the initial hidden state {@code h0} {@code [numLayers·directions, B, H]}, or zeros when null. Returns the last
     * layer's hidden states at every step and the final hidden state of every layer.
     */
    public GruOutput forward(Tensor3 input, Tensor3 h0) {
        List<Tensor3> out = run(input, STATES, Collections.singletonList(h0));
        return new GruOutput(out.get(0), out.get(1));
    }

    @Override
    Tensor2[] step(Tensor2 inputGates, Tensor2 hiddenGates, Tensor2[] state) {
        int h = hiddenSize();
        Tensor2 r = inputGates.narrow(1, 0, h).add(hiddenGates.narrow(1, 0, h)).sigmoid();
        Tensor2 z = inputGates.narrow(1, h, h).add(hiddenGates.narrow(1, h, h)).sigmoid();
        Tensor2 n = inputGates.narrow(1, 2 * h, h).add(r.mul(hiddenGates.narrow(1, 2 * h, h))).tanh();
        // (1 - z) n + z h, written with one product fewer.
        return new Tensor2[] {n.add(z.mul(state[0].sub(n)))};
    }
}
