package dev.burnj.data;

/**
 * A random per-item transform (a data augmentation): its randomness comes only from the {@link ItemRandom} it is
 * given, which the data loader derives from {@code (seed, epoch, index)}. The same item in the same epoch therefore
 * gets the same augmentation on any worker, with any number of workers, and after a restore. Must be thread-safe.
 *
 * @param <I> the input item type
 * @param <O> the output item type
 */
@FunctionalInterface
public interface RandomMapper<I, O> {
    O map(I item, ItemRandom random);

    /** This transform followed by {@code next}, both drawing from the same item stream. */
    default <P> RandomMapper<I, P> andThen(RandomMapper<? super O, ? extends P> next) {
        return (item, random) -> next.map(map(item, random), random);
    }

    /** A deterministic mapper as a random one that draws nothing. */
    static <I, O> RandomMapper<I, O> of(Mapper<I, O> mapper) {
        return (item, random) -> mapper.map(item);
    }
}
