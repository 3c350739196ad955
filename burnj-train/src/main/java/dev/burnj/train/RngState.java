package dev.burnj.train;

import dev.burnj.nn.Module;
import dev.burnj.random.Generator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seeds and positions of the global random generator and of every generator in a model (dropout masks), saved
 * with a checkpoint so that a resumed run draws exactly the numbers the uninterrupted run would.
 *
 * @param global the global generator
 * @param model the model's generators by name ({@link Module#namedGenerators()})
 */
public record RngState(Stream global, Map<String, Stream> model) {
    /** One generator's seed and position. */
    public record Stream(long seed, long position) {
        static Stream of(Generator g) {
            return new Stream(g.seed(), g.position());
        }

        void applyTo(Generator g) {
            g.reseed(seed);
            g.position(position);
        }
    }

    public RngState {
        model = Map.copyOf(model);
    }

    /** The state of the global generator and of {@code module}'s generators now. */
    public static RngState capture(Module module) {
        Map<String, Stream> streams = new LinkedHashMap<>();
        module.namedGenerators().forEach((name, g) -> streams.put(name, Stream.of(g)));
        return new RngState(Stream.of(Generator.global()), streams);
    }

    /** Restores the global generator and {@code module}'s generators; the model must have the same generator names. */
    public void restore(Module module) {
        Map<String, Generator> generators = module.namedGenerators();
        if (!generators.keySet().equals(model.keySet())) {
            throw new IllegalArgumentException("the checkpoint's random generators " + model.keySet() + " do not match the model's "
                    + generators.keySet());
        }
        global.applyTo(Generator.global());
        model.forEach((name, s) -> s.applyTo(generators.get(name)));
    }
}
