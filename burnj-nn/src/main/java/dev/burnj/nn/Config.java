package dev.burnj.nn;

/**
 * A layer configuration: an immutable record that builds its layer with {@code init} and round-trips through JSON,
 * so that a model's hyper-parameters can be saved next to its weights.
 *
 * <pre>{@code
 * String json = LinearConfig.of(784, 10).toJson();
 * LinearConfig back = Config.fromJson(json, LinearConfig.class);
 * }</pre>
 */
public interface Config {
    /** This configuration as a JSON object of its components. */
    default String toJson() {
        return ConfigJson.write(this);
    }

    /** Reads a configuration of class {@code type} from JSON written by {@link #toJson()}. */
    static <C extends Config> C fromJson(String json, Class<C> type) {
        return ConfigJson.read(json, type);
    }
}
