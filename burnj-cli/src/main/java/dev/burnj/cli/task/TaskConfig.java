package dev.burnj.cli.task;

/**
 * The hyper-parameters of a {@link TrainingTask}: an immutable record that Jackson reads and writes with snake_case
 * keys ({@code batchSize} is {@code batch_size}). Its compact constructor checks values and throws
 * {@link IllegalArgumentException} naming the key, which the CLI reports as a usage error.
 *
 * <p>Every task has {@code epochs}. The CLI's typed flags set the conventional keys {@code epochs} ({@code --epochs}),
 * {@code batch_size} ({@code --batch-size}) and {@code lr} ({@code --lr}); a flag whose key the task lacks is refused.
 */
public interface TaskConfig {
    /** The number of epochs to train. */
    int epochs();
}
