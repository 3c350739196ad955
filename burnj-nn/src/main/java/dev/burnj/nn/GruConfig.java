package dev.burnj.nn;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;

/**
 * Configuration of a {@link Gru} (PyTorch's {@code nn.GRU}).
 *
 * @param inputSize features of each input time step
 * @param hiddenSize features of the hidden state {@code H}
 * @param numLayers stacked layers, each fed the outputs of the one below (default 1)
 * @param bias whether each layer has the biases {@code bias_ih} and {@code bias_hh} (default true)
 * @param batchFirst whether input and output are {@code [batch, length, features]} rather than
 *     {@code [length, batch, features]} (default false, as in PyTorch); the states are never batch first
 * @param dropout dropout probability on the outputs of every layer but the last, in training mode (default 0)
 * @param bidirectional whether each layer also runs backwards in time, doubling its output features (default false)
 */
public record GruConfig(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional)
        implements Config {
    public GruConfig {
        Recurrent.checkConfig("Gru", inputSize, hiddenSize, numLayers, dropout);
    }

    public static GruConfig of(int inputSize, int hiddenSize) {
        return new GruConfig(inputSize, hiddenSize, 1, true, false, 0, false);
    }

    public GruConfig withNumLayers(int newNumLayers) {
        return new GruConfig(inputSize, hiddenSize, newNumLayers, bias, batchFirst, dropout, bidirectional);
    }

    public GruConfig withBias(boolean newBias) {
        return new GruConfig(inputSize, hiddenSize, numLayers, newBias, batchFirst, dropout, bidirectional);
    }

    public GruConfig withBatchFirst(boolean newBatchFirst) {
        return new GruConfig(inputSize, hiddenSize, numLayers, bias, newBatchFirst, dropout, bidirectional);
    }

    public GruConfig withDropout(double newDropout) {
        return new GruConfig(inputSize, hiddenSize, numLayers, bias, batchFirst, newDropout, bidirectional);
    }

    public GruConfig withBidirectional(boolean newBidirectional) {
        return new GruConfig(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, newBidirectional);
    }

    public Gru init(Device device) {
        return init(TensorOptions.on(device));
    }

    /**
     * PyTorch's initialisation, every weight and bias from {@code U(-1/√H, 1/√H)}, drawn from the options' generator,
     * which also draws the dropout masks.
     */
    public Gru init(TensorOptions options) {
        return new Gru(this, options);
    }
}
