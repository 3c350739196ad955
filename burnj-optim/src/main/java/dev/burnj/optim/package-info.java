/**
 * Optimizers with PyTorch's update rules, gradient clipping and accumulation.
 *
 * <p>Design: an {@link dev.burnj.optim.Optimizer} is made from an immutable config
 * ({@code AdamConfig.of().withLr(1e-3).withGroup(ParamGroup.matching(".*bias").withWeightDecay(0)).init()}) and
 * updates a {@link dev.burnj.nn.Module} from gradients keyed by parameter name ({@link dev.burnj.optim.ParamGrads},
 * built from a backward pass's {@code Grads} or by hand). Per-parameter state is keyed by the same names and exports
 * to plain host data ({@link dev.burnj.optim.OptimizerState}) for exact resume.
 *
 * <pre>{@code
 * try (Grads grads = loss.backward(); ParamGrads byName = ParamGrads.from(model, grads)) {
 *     GradClipping.clipNorm(byName, 1.0);
 *     optimizer.step(model, byName);
 * }
 * scheduler.step(optimizer);
 * }</pre>
 */
package dev.burnj.optim;
