package dev.burnj.nn.init;

/** Which fan a Kaiming initializer scales by, as PyTorch's {@code mode} argument. */
public enum FanMode {
    /** Preserves the variance of activations in the forward pass (PyTorch's default). */
    FAN_IN,
    /** Preserves the variance of gradients in the backward pass. */
    FAN_OUT
}
