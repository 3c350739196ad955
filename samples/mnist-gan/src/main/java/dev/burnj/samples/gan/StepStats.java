package dev.burnj.samples.gan;

/**
 * What one GAN step measured, before its updates.
 *
 * @param discriminatorLoss BCE of the discriminator on the real batch (target 1) plus on the fake batch (target 0)
 * @param generatorLoss the non-saturating generator loss, BCE of the updated discriminator on the fakes with target 1
 * @param realScore the discriminator's mean probability that the real images are real, D(x)
 * @param fakeScore its mean probability that the fakes are real, D(G(z)), before its update
 */
public record StepStats(double discriminatorLoss, double generatorLoss, double realScore, double fakeScore) {}
