package dev.burnj.nn;

import dev.burnj.tensor.Tensor3;

/**
 * What an {@link Lstm} returns, as PyTorch's {@code output, (h_n, c_n)}. Closing closes all three.
 *
 * @param output the last layer's hidden state at every time step, {@code [L, B, directions·H]} ({@code [B, L, ...]}
 *     when batch first), the two directions concatenated forward first
 * @param hn the final hidden state of every layer and direction, {@code [numLayers·directions, B, H]} (PyTorch's
 *     {@code h_n}), at index {@code layer·directions + direction}; the reverse direction ends after time step 0
 * @param cn the final cell state, laid out as {@code hn} (PyTorch's {@code c_n})
 */
public record LstmOutput(Tensor3 output, Tensor3 hn, Tensor3 cn) implements AutoCloseable {
    @Override
    public void close() {
        output.close();
        hn.close();
        cn.close();
    }
}
