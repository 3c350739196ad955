package dev.burnj.tensor;

/** The three tensor kinds. The kind is part of a tensor's static type; this enum is its run-time mirror. */
public enum Kind {
    FLOAT,
    INT,
    BOOL
}
