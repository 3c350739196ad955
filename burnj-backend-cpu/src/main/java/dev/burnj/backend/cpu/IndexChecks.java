package dev.burnj.backend.cpu;

/** Bounds checks of index values read from index tensors, with errors that name the op, the index and the dim. */
final class IndexChecks {
    private IndexChecks() {}

    /** {@code index} itself when it lies in {@code [0, size)}; otherwise an {@link IndexOutOfBoundsException}. */
    static long checked(String op, long index, int dim, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(op + ": index " + index + " is out of range for dimension " + dim + " of size " + size);
        }
        return index;
    }
}
