package dev.burnj.data;

/**
 * A dataset cut in two, e.g. {@code mnist.holdOutLast(5000)} for a validation set.
 *
 * @param train the first part
 * @param valid the second part
 */
public record Split<I>(Dataset<I> train, Dataset<I> valid) {}
