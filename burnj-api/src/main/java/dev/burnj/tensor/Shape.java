package dev.burnj.tensor;

import java.util.Arrays;

/**
 * Immutable tensor shape: the size of each dimension. Sizes may be zero (empty tensors), never negative.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /** A shape with the given dimension sizes. */
    public static Shape of(int... dims) {
        int[] copy = dims.clone();
        for (int d : copy) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(copy) + ": negative dimension " + d);
            }
        }
        return new Shape(copy);
    }

    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code dim}; negative values count from the end. */
    public int dim(int dim) {
        return dims[normalizeDim(dim)];
    }

    /** A copy of the sizes. */
    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements. */
    public long numel() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Number of elements as an int, failing clearly for tensors too large for one Java array. */
    public int numelInt() {
        long n = numel();
        if (n > Integer.MAX_VALUE) {
            throw new ArithmeticException("shape " + this + " has " + n + " elements, more than a Java array holds");
        }
        return (int) n;
    }

    /** Row-major strides in elements. */
    public long[] strides() {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** Turns a possibly negative dimension index into {@code [0, rank)}, or throws naming the rank. */
    public int normalizeDim(int dim) {
        return normalizeDim(dim, dims.length);
    }

    /** Turns a possibly negative dimension index into {@code [0, rank)} for a tensor of rank {@code rank}. */
    public static int normalizeDim(int dim, int rank) {
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank) {
            throw new IndexOutOfBoundsException("dimension " + dim + " is out of range for rank " + rank);
        }
        return d;
    }

    /** This shape with dimension {@code dim} replaced by {@code size}. */
    public Shape withDim(int dim, int size) {
        int[] d = dims.clone();
        d[normalizeDim(dim)] = size;
        return Shape.of(d);
    }

    /**
     * The NumPy broadcast of two shapes of equal rank: each pair of sizes must be equal or one of them 1.
     *
     * @throws IllegalArgumentException naming the op and both shapes when they do not broadcast
     */
    public static Shape broadcast(String op, Shape a, Shape b) {
        if (a.rank() != b.rank()) {
            throw new IllegalArgumentException(op + ": " + a + " and " + b + ": ranks " + a.rank() + " and " + b.rank() + " differ");
        }
        int[] out = new int[a.rank()];
        for (int i = 0; i < out.length; i++) {
            int x = a.dims[i];
            int y = b.dims[i];
            if (x == y || y == 1) {
                out[i] = x;
            } else if (x == 1) {
                out[i] = y;
            } else {
                throw new IllegalArgumentException(op + ": " + a + " and " + b + ": dimension " + i + " sizes " + x + " and " + y
                        + " do not broadcast");
            }
        }
        return new Shape(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
