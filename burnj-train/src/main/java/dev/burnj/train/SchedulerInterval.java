package dev.burnj.train;

/** When the Learner advances a step-based learning-rate scheduler: after every optimizer step, or at each epoch's end. */
public enum SchedulerInterval {
    STEP,
    EPOCH
}
