package dev.burnj.backend;

/** How {@code pad} fills the new border. */
public enum PadMode {
    /** A constant value. */
    CONSTANT,
    /** Mirror without repeating the edge element (PyTorch {@code reflect}). */
    REFLECT,
    /** Repeat the edge element. */
    REPLICATE
}
