package dev.burnj.train;

/** The phases the Learner's profiler times. */
public enum Phase {
    /** Waiting for the next training batch from the loader. */
    DATA,
    FORWARD,
    BACKWARD,
    /** Gradient clipping, the optimizer update and the scheduler. */
    OPTIMIZER,
    /** Training metrics, loggers and callbacks. */
    METRICS,
    VALIDATION,
    CHECKPOINT
}
