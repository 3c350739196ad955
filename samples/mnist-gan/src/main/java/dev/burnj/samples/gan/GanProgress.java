package dev.burnj.samples.gan;

/**
 * Where a GAN run is, saved in every checkpoint: the number of finished epochs and of training steps (one step is
 * one discriminator and one generator update).
 *
 * @param epochsDone epochs finished
 * @param step steps made so far
 */
public record GanProgress(int epochsDone, long step) {
    public GanProgress {
        if (epochsDone < 0 || step < 0) {
            throw new IllegalArgumentException("GanProgress: negative counter in " + epochsDone + ", " + step);
        }
    }
}
