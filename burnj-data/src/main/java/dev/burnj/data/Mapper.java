package dev.burnj.data;

/**
 * A deterministic per-item transform, applied lazily by {@link Dataset#map}. Must be thread-safe (stateless).
 *
 * @param <I> the input item type
 * @param <O> the output item type
 */
@FunctionalInterface
public interface Mapper<I, O> {
    O map(I item);

    /** This mapper followed by {@code next}. */
    default <P> Mapper<I, P> andThen(Mapper<? super O, ? extends P> next) {
        return item -> next.map(map(item));
    }
}
