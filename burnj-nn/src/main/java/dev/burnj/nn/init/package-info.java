/**
 * Parameter initializers (PyTorch's {@code torch.nn.init}): {@link dev.burnj.nn.init.Initializer} and the fan and gain
 * rules it follows.
 */
package dev.burnj.nn.init;
