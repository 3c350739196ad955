package dev.burnj.tensor;

/**
 * Element type of a tensor. The set is open-ended on purpose: code asks {@link #kind()} and
 * {@link #isFloat()} instead of assuming that F32 and F64 are the only float types.
 */
public enum DType {
    F64(Kind.FLOAT, 8),
    F32(Kind.FLOAT, 4),
    F16(Kind.FLOAT, 2),
    BF16(Kind.FLOAT, 2),
    I64(Kind.INT, 8),
    I32(Kind.INT, 4),
    BOOL(Kind.BOOL, 1);

    private final Kind kind;
    private final int byteSize;

    DType(Kind kind, int byteSize) {
        this.kind = kind;
        this.byteSize = byteSize;
    }

    /** The static kind this dtype belongs to. */
    public Kind kind() {
        return kind;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    public boolean isFloat() {
        return kind == Kind.FLOAT;
    }

    public boolean isInt() {
        return kind == Kind.INT;
    }

    public boolean isBool() {
        return kind == Kind.BOOL;
    }

    /** Default float dtype for new float tensors. */
    public static DType defaultFloat() {
        return F32;
    }

    /** Default integer dtype (indices, argmax results), as in PyTorch. */
    public static DType defaultInt() {
        return I64;
    }
}
