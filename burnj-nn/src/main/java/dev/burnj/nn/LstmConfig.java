package dev.burnj.nn;

import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorOptions;

/**
 * Configuration of an {@link Lstm} (PyTorch's {@code nn.LSTM} without {@code proj_size}).
 *
 * @param inputSize features of each input time step
 * @param hiddenSize features of the hidden and cell states {@code H}
 * @param numLayers stacked layers, each fed the outputs of the one below (default 1)
 * @param bias whether each layer has the biases {@code bias_ih} and {@code bias_hh} (default true)
 * @param batchFirst whether input and output are {@code [batch, length, features]} rather than
 *     {@code [length, batch, features]} (default false, as in PyTorch); the states are never batch first
 * @param dropout dropout probability on the outputs of every layer but the last, in training mode (default 0)
 * @param bidirectional whether each layer also runs backwards in time, doubling its output features (default false)
 */
public record LstmConfig(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional)
        implements Config {
    public LstmConfig {
        Recurrent.checkConfig("Lstm", inputSize, hiddenSize, numLayers, dropout);
    }

    public static LstmConfig of(int inputSize, int hiddenSize) {
        return new LstmConfig(inputSize, hiddenSize, 1, true, false, 0, false);
    }

    public LstmConfig withNumLayers(int newNumLayers) {
        return new LstmConfig(inputSize, hiddenSize, newNumLayers, bias, batchFirst, dropout, bidirectional);
    }

    public LstmConfig withBias(boolean newBias) {
        return new LstmConfig(inputSize, hiddenSize, numLayers, newBias, batchFirst, dropout, bidirectional);
    }

    public LstmConfig withBatchFirst(boolean newBatchFirst) {
        return new LstmConfig(inputSize, hiddenSize, numLayers, bias, newBatchFirst, dropout, bidirectional);
    }

    public LstmConfig withDropout(double newDropout) {
        return new LstmConfig(inputSize, hiddenSize, numLayers, bias, batchFirst, newDropout, bidirectional);
    }

    public LstmConfig withBidirectional(boolean newBidirectional) {
        return new LstmConfig(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, newBidirectional);
    }

    public Lstm init(Device device) {
        return init(TensorOptions.on(device));
    }

    /**
     * PyTorch's initialisation, every weight and bias from {@code U(-1/√H, 1/√H)}, drawn from the options' generator,
     * which also draws the dropout masks.
     */
    public Lstm init(TensorOptions options) {
        return new Lstm(this, options);
    }
}
