package dev.burnj.nn;

import dev.burnj.tensor.Tensor3;

/**
 * What a {@link Gru} returns, as PyTorch's {@code output, h_n}. Closing closes both.
 *
 * @param output the last layer's hidden state at every time step, {@code [L, B, directions·H]} ({@code [B, L, ...]}
 *     when batch first), the two directions concatenated forward first
 * @param hn the final hidden state of every layer and direction, {@code [numLayers·directions, B, H]} (PyTorch's
 *     {@code h_n}), at index {@code layer·directions + direction}; the reverse direction ends after time step 0
 */
public record GruOutput(Tensor3 output, Tensor3 hn) implements AutoCloseable {
    @Override
    public void close() {
        output.close();
        hn.close();
    }
}
