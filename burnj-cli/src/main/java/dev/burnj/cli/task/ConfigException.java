package dev.burnj.cli.task;

/**
 * A hyper-parameter override cannot be applied: an unknown key, a value of the wrong type, or one the config rejects.
 * The message names the source ({@code --set lr=x}, {@code --config file.json}, {@code --lr}) and the key.
 */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
