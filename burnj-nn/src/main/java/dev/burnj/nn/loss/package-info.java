/**
 * Loss functions with PyTorch's semantics (cross-entropy, NLL, BCE, BCE with logits, MSE, L1, Huber, smooth L1, KL
 * divergence), each an immutable config with a {@code forward} returning a {@code [1]} tensor for MEAN/SUM or the
 * per-element losses for NONE. All are computed stably: through log-sum-exp, and without ever taking {@code log(0)}.
 */
package dev.burnj.nn.loss;
