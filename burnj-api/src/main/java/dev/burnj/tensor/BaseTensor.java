package dev.burnj.tensor;

import dev.burnj.backend.Backend;
import dev.burnj.backend.Comparison;
import dev.burnj.backend.PadMode;
import dev.burnj.backend.TensorPrimitive;
import java.util.ArrayList;
import java.util.List;

/**
 * What every tensor has, whatever its kind and rank: metadata, layout and indexing ops, comparison, selection,
 * conversion and lifetime. The type parameters carry the static rank: {@code T} is the tensor's own class and
 * {@code F}, {@code I}, {@code B} are the float, int and bool classes of the same rank, so that
 * {@code x.equal(y)} on a {@link Tensor2} is a {@link BoolTensor2} and {@code argmax} gives an {@link IntTensor2}.
 *
 * <p>Tensors are immutable values. Each holds native memory until {@link #close()}, its {@link TensorScope}
 * closes, or — as a logged fallback — the garbage collector finds it unreachable.
 */
public abstract sealed class BaseTensor<T extends BaseTensor<T, F, I, B>, F extends FloatTensor<F, I, B>, I extends IntTensor<I, F, B>,
        B extends BoolTensor<B, F, I>> implements AutoCloseable permits NumericTensor, BoolTensor {

    private final TensorHandle handle;
    private final Rank<F, I, B> rank;

    BaseTensor(TensorPrimitive primitive, Rank<F, I, B> rank) {
        this.rank = rank;
        this.handle = TensorHandle.attach(this, primitive);
        TensorScope.adopt(this);
    }

    /** Wraps a primitive of this tensor's kind and rank, taking over its reference. */
    abstract T wrap(TensorPrimitive primitive);

    /** The static kind of this class. */
    public abstract Kind kind();

    final Rank<F, I, B> rankInfo() {
        return rank;
    }

    /**
     * The witness of this tensor's static rank, for rank-generic code that must build a tensor of the same class:
     * {@code flat.reshape(like.shape(), like.rankWitness())}.
     */
    public final Rank<F, I, B> rankWitness() {
        return rank;
    }

    // ---- metadata -------------------------------------------------------------------------------------------

    /**
     * The backend primitive behind this tensor, borrowed: valid while this tensor is open. For code that works
     * at the SPI level (optimizers, custom ops); call {@code retain()} to keep it longer.
     */
    public final TensorPrimitive primitive() {
        if (!handle.isOpen()) {
            throw new IllegalStateException(getClass().getSimpleName() + " " + handle.primitive().shape() + " "
                    + handle.primitive().dtype() + " was closed and cannot be used again");
        }
        return handle.primitive();
    }

    public final Shape shape() {
        return handle.primitive().shape();
    }

    /** Size of dimension {@code d} (negative counts from the end). */
    public final int dim(int d) {
        return shape().dim(d);
    }

    /** Number of dimensions; always the class's static rank. */
    public final int rank() {
        return rank.rank();
    }

    public final long numel() {
        return shape().numel();
    }

    public final DType dtype() {
        return handle.primitive().dtype();
    }

    public final Device device() {
        return handle.primitive().device();
    }

    final Backend backend() {
        return primitive().device().backend();
    }

    // ---- layout ---------------------------------------------------------------------------------------------

    /** Reorders dimensions: result dim {@code i} is this tensor's dim {@code axes[i]}. */
    public final T permute(int... axes) {
        int[] p = OpChecks.permutation("permute", shape(), axes);
        return wrap(backend().permute(primitive(), p));
    }

    /** Swaps two dimensions. */
    public final T swapDims(int a, int b) {
        int[] axes = identityAxes();
        int x = OpChecks.dim("swapDims", shape(), a);
        int y = OpChecks.dim("swapDims", shape(), b);
        axes[x] = y;
        axes[y] = x;
        return wrap(backend().permute(primitive(), axes));
    }

    /** Swaps the last two dimensions (a no-op for rank 1). */
    public final T transpose() {
        return rank() < 2 ? wrap(primitive().retain()) : swapDims(-2, -1);
    }

    /** Reverses the order of elements along each of {@code dims}. */
    public final T flip(int... dims) {
        int[] d = new int[dims.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = OpChecks.dim("flip", shape(), dims[i]);
        }
        return wrap(backend().flip(primitive(), d));
    }

    /** Broadcasts size-1 dimensions to {@code dims} (same rank; -1 keeps a size). */
    public final T expand(int... dims) {
        Shape s = shape();
        if (dims.length != s.rank()) {
            throw new IllegalArgumentException("expand: " + s + " to " + java.util.Arrays.toString(dims) + ": ranks differ");
        }
        int[] out = dims.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                out[i] = s.dim(i);
            } else if (s.dim(i) != 1 && s.dim(i) != out[i]) {
                throw new IllegalArgumentException("expand: " + s + " to " + java.util.Arrays.toString(dims) + ": dimension " + i
                        + " of size " + s.dim(i) + " is not 1");
            }
        }
        return wrap(backend().expand(primitive(), Shape.of(out)));
    }

    /** Tiles this tensor {@code times} times along {@code dim}. */
    public final T repeat(int dim, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("repeat: times must be >= 1, got " + times);
        }
        return wrap(backend().repeat(primitive(), OpChecks.dim("repeat", shape(), dim), times));
    }

    /** The sub-tensor selected by one {@link Slice} per leading dimension (missing trailing ones select all). */
    public final T slice(Slice... slices) {
        return wrap(backend().slice(primitive(), OpChecks.slices("slice", shape(), slices)));
    }

    /** {@code length} elements of {@code dim} from {@code start} (negative counts from the end). */
    public final T narrow(int dim, int start, int length) {
        int d = OpChecks.dim("narrow", shape(), dim);
        int s = start < 0 ? start + shape().dim(d) : start;
        if (s < 0 || length < 0 || s + length > shape().dim(d)) {
            throw new IndexOutOfBoundsException("narrow: start " + start + " length " + length + " is out of range for dimension " + dim
                    + " of " + shape());
        }
        Slice[] slices = new Slice[rank()];
        for (int i = 0; i < slices.length; i++) {
            slices[i] = i == d ? Slice.range(s, s + length) : Slice.all();
        }
        return slice(slices);
    }

    /** A copy with the region selected by {@code slices} replaced by {@code values} (shape of the region). */
    public final T sliceAssign(Slice[] slices, T values) {
        Slice[] resolved = OpChecks.slices("sliceAssign", shape(), slices);
        Shape region = OpChecks.sliceShape(resolved);
        TensorPrimitive v = values.primitive();
        OpChecks.sameDevice("sliceAssign", primitive(), v);
        OpChecks.dtype("sliceAssign", v, dtype());
        if (!region.equals(v.shape())) {
            throw new IllegalArgumentException("sliceAssign: region " + region + " of " + shape() + " and values " + v.shape() + " differ");
        }
        return wrap(backend().sliceAssign(primitive(), resolved, v));
    }

    /**
     * Pads the trailing dimensions, PyTorch order: {@code (lastBefore, lastAfter, secondLastBefore, ...)}.
     * Reflect padding must be smaller than the padded dimension.
     */
    public final T pad(int[] padding, PadMode mode, double value) {
        if (padding.length % 2 != 0 || padding.length / 2 > rank()) {
            throw new IllegalArgumentException("pad: " + java.util.Arrays.toString(padding) + " must hold a (before, after) pair for at most "
                    + rank() + " dimensions of " + shape());
        }
        int[] perDim = new int[2 * rank()];
        for (int k = 0; k < padding.length / 2; k++) {
            int d = rank() - 1 - k;
            if (padding[2 * k] < 0 || padding[2 * k + 1] < 0) {
                throw new IllegalArgumentException("pad: negative padding " + java.util.Arrays.toString(padding));
            }
            perDim[2 * d] = padding[2 * k];
            perDim[2 * d + 1] = padding[2 * k + 1];
        }
        return wrap(backend().pad(primitive(), perDim, mode, value));
    }

    /** Constant zero padding of the trailing dimensions (see {@link #pad(int[], PadMode, double)}). */
    public final T pad(int... padding) {
        return pad(padding, PadMode.CONSTANT, 0.0);
    }

    // ---- indexing -------------------------------------------------------------------------------------------

    /** Picks along {@code dim} by an index tensor of the same rank (sizes may differ only along {@code dim}). */
    public final T gather(int dim, I indices) {
        int d = OpChecks.dim("gather", shape(), dim);
        checkIndexShape("gather", d, indices.shape(), false);
        OpChecks.sameDevice("gather", primitive(), indices.primitive());
        return wrap(backend().gather(primitive(), d, indices.primitive()));
    }

    /** A copy where {@code values} are written along {@code dim} at {@code indices} (same shape as values). */
    public final T scatter(int dim, I indices, T values) {
        return scatter("scatter", dim, indices, values, false);
    }

    /** A copy where {@code values} are added along {@code dim} at {@code indices}; duplicates accumulate. */
    public final T scatterAdd(int dim, I indices, T values) {
        return scatter("scatterAdd", dim, indices, values, true);
    }

    private T scatter(String op, int dim, I indices, T values, boolean add) {
        int d = OpChecks.dim(op, shape(), dim);
        if (!indices.shape().equals(values.shape())) {
            throw new IllegalArgumentException(op + ": indices " + indices.shape() + " and values " + values.shape() + " differ");
        }
        checkIndexShape(op, d, indices.shape(), true);
        OpChecks.sameDevice(op, primitive(), values.primitive());
        OpChecks.dtype(op, values.primitive(), dtype());
        return wrap(backend().scatter(primitive(), d, indices.primitive(), values.primitive(), add));
    }

    /** Whole slices along {@code dim} picked by a rank-1 index tensor. */
    public final T indexSelect(int dim, IntTensor1 indices) {
        int d = OpChecks.dim("indexSelect", shape(), dim);
        OpChecks.sameDevice("indexSelect", primitive(), indices.primitive());
        return wrap(backend().indexSelect(primitive(), d, indices.primitive()));
    }

    private void checkIndexShape(String op, int dim, Shape index, boolean atMost) {
        Shape s = shape();
        for (int i = 0; i < s.rank(); i++) {
            boolean ok = i == dim || (atMost ? index.dim(i) <= s.dim(i) : index.dim(i) == s.dim(i));
            if (!ok) {
                throw new IllegalArgumentException(op + ": index " + index + " and tensor " + s + " differ in dimension " + i
                        + " (only dimension " + dim + " may differ)");
            }
        }
    }

    // ---- comparison and selection ---------------------------------------------------------------------------

    public final B equal(T other) {
        return compare("equal", other, Comparison.EQ);
    }

    public final B notEqual(T other) {
        return compare("notEqual", other, Comparison.NE);
    }

    public final B equal(double value) {
        return rank.boolTensor(backend().compareScalar(primitive(), value, Comparison.EQ));
    }

    public final B notEqual(double value) {
        return rank.boolTensor(backend().compareScalar(primitive(), value, Comparison.NE));
    }

    final B compare(String op, T other, Comparison cmp) {
        OpChecks.binary(op, primitive(), other.primitive());
        return rank.boolTensor(backend().compare(primitive(), other.primitive(), cmp));
    }

    /** {@code value} where {@code mask} is true, else this tensor's element (broadcasting all three). */
    public final T maskWhere(B mask, T value) {
        OpChecks.binary("maskWhere", primitive(), value.primitive());
        OpChecks.sameDevice("maskWhere", primitive(), mask.primitive());
        Shape.broadcast("maskWhere", mask.shape(), shape());
        return wrap(backend().where(mask.primitive(), value.primitive(), primitive()));
    }

    /** {@code value} where {@code mask} (broadcast to this shape) is true. */
    public final T maskFill(B mask, double value) {
        OpChecks.sameDevice("maskFill", primitive(), mask.primitive());
        Shape b = Shape.broadcast("maskFill", mask.shape(), shape());
        if (!b.equals(shape())) {
            throw new IllegalArgumentException("maskFill: mask " + mask.shape() + " does not broadcast to " + shape());
        }
        return wrap(backend().maskFill(primitive(), mask.primitive(), value));
    }

    // ---- conversion -----------------------------------------------------------------------------------------

    /** This tensor on another device (a copy through the host between backends). */
    public final T to(Device target) {
        if (target.equals(device())) {
            return wrap(primitive().retain());
        }
        if (target.backend() == backend()) {
            return wrap(backend().toDevice(primitive(), target));
        }
        return wrap(target.backend().fromData(toData(), target));
    }

    /** As a float tensor (default float dtype); bools become 0/1. */
    public F toFloat() {
        return rank.floatTensor(backend().cast(primitive(), DType.defaultFloat()));
    }

    /** As an int tensor (I64); floats are truncated toward zero, bools become 0/1. */
    public I toInt() {
        return rank.intTensor(backend().cast(primitive(), DType.defaultInt()));
    }

    /** As a bool tensor: non-zero is true. */
    public B toBool() {
        return rank.boolTensor(backend().cast(primitive(), DType.BOOL));
    }

    /** The values, copied to the host. */
    public final TensorData toData() {
        return backend().toData(primitive());
    }

    // ---- lifetime -------------------------------------------------------------------------------------------

    /** Frees this tensor's memory now; using it afterwards throws. Idempotent. */
    @Override
    public final void close() {
        if (handle.isOpen()) {
            TensorScope.forget(this);
        }
        handle.close();
    }

    public final boolean isClosed() {
        return !handle.isOpen();
    }

    // ---- joining and splitting ------------------------------------------------------------------------------

    /** Concatenates tensors of one rank along {@code dim}. */
    public static <T extends BaseTensor<T, ?, ?, ?>> T cat(List<T> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("cat: needs at least one tensor");
        }
        T first = tensors.get(0);
        int d = OpChecks.dim("cat", first.shape(), dim);
        List<TensorPrimitive> parts = new ArrayList<>(tensors.size());
        for (T t : tensors) {
            TensorPrimitive p = t.primitive();
            OpChecks.sameDevice("cat", first.primitive(), p);
            OpChecks.dtype("cat", p, first.dtype());
            for (int i = 0; i < p.shape().rank(); i++) {
                if (i != d && p.shape().dim(i) != first.shape().dim(i)) {
                    throw new IllegalArgumentException("cat: " + first.shape() + " and " + p.shape() + " differ in dimension " + i
                            + " (only dimension " + d + " may differ)");
                }
            }
            parts.add(p);
        }
        return first.wrap(first.backend().cat(parts, d));
    }

    /** Splits along {@code dim} into pieces of {@code size} (the last may be smaller). */
    public final List<T> split(int size, int dim) {
        if (size < 1) {
            throw new IllegalArgumentException("split: size must be >= 1, got " + size);
        }
        int d = OpChecks.dim("split", shape(), dim);
        List<T> out = new ArrayList<>();
        for (int start = 0; start < shape().dim(d); start += size) {
            out.add(narrow(d, start, Math.min(size, shape().dim(d) - start)));
        }
        return out;
    }

    /** Splits along {@code dim} into {@code chunks} pieces of near-equal size, as PyTorch's {@code chunk}. */
    public final List<T> chunk(int chunks, int dim) {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunk: chunks must be >= 1, got " + chunks);
        }
        int d = OpChecks.dim("chunk", shape(), dim);
        return split(Math.max(1, (shape().dim(d) + chunks - 1) / chunks), d);
    }

    // ---- helpers for rank-changing ops in subclasses ---------------------------------------------------------

    final TensorPrimitive reshapePrimitive(String op, int... dims) {
        return backend().reshape(primitive(), OpChecks.reshape(op, shape(), dims));
    }

    final TensorPrimitive squeezePrimitive(int dim) {
        int d = OpChecks.dim("squeeze", shape(), dim);
        if (shape().dim(d) != 1) {
            throw new IllegalArgumentException("squeeze: dimension " + dim + " of " + shape() + " has size " + shape().dim(d) + ", not 1");
        }
        int[] dims = new int[rank() - 1];
        for (int i = 0, j = 0; i < rank(); i++) {
            if (i != d) {
                dims[j++] = shape().dim(i);
            }
        }
        return backend().reshape(primitive(), Shape.of(dims));
    }

    final TensorPrimitive unsqueezePrimitive(int dim) {
        int newRank = rank() + 1;
        int d = dim < 0 ? dim + newRank : dim;
        if (d < 0 || d >= newRank) {
            throw new IndexOutOfBoundsException("unsqueeze: dimension " + dim + " is out of range for the rank-" + newRank + " result of "
                    + shape());
        }
        int[] dims = new int[newRank];
        for (int i = 0, j = 0; i < newRank; i++) {
            dims[i] = i == d ? 1 : shape().dim(j++);
        }
        return backend().reshape(primitive(), Shape.of(dims));
    }

    /** Row {@code index} of dimension 0 with that dimension removed. */
    final TensorPrimitive indexPrimitive(int index) {
        int i = OpChecks.index("get", shape(), 0, index);
        Slice[] slices = new Slice[rank()];
        slices[0] = Slice.range(i, i + 1);
        for (int k = 1; k < slices.length; k++) {
            slices[k] = Slice.range(0, shape().dim(k));
        }
        TensorPrimitive row = backend().slice(primitive(), slices);
        try {
            int[] dims = new int[rank() - 1];
            for (int k = 1; k < rank(); k++) {
                dims[k - 1] = shape().dim(k);
            }
            return backend().reshape(row, Shape.of(dims));
        } finally {
            row.release();
        }
    }

    /** The flattening of dims {@code start..end} (inclusive) into one. */
    final TensorPrimitive flattenPrimitive(int start, int end, int expectedRank) {
        int s = OpChecks.dim("flatten", shape(), start);
        int e = OpChecks.dim("flatten", shape(), end);
        if (e < s) {
            throw new IllegalArgumentException("flatten: end dimension " + end + " comes before start " + start + " in " + shape());
        }
        int resultRank = rank() - (e - s);
        if (resultRank != expectedRank) {
            throw new IllegalArgumentException("flatten(" + start + ", " + end + ") of " + shape() + " has rank " + resultRank
                    + ", not the requested " + expectedRank);
        }
        int[] dims = new int[resultRank];
        int j = 0;
        for (int i = 0; i < s; i++) {
            dims[j++] = shape().dim(i);
        }
        int merged = 1;
        for (int i = s; i <= e; i++) {
            merged *= shape().dim(i);
        }
        dims[j++] = merged;
        for (int i = e + 1; i < rank(); i++) {
            dims[j++] = shape().dim(i);
        }
        return backend().reshape(primitive(), Shape.of(dims));
    }

    /** Inserts a new dimension at {@code dim} in every part and concatenates along it. */
    static TensorPrimitive stackPrimitive(List<? extends BaseTensor<?, ?, ?, ?>> parts, int dim) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        Shape first = parts.get(0).shape();
        List<TensorPrimitive> expanded = new ArrayList<>(parts.size());
        try {
            for (BaseTensor<?, ?, ?, ?> t : parts) {
                if (!t.shape().equals(first)) {
                    throw new IllegalArgumentException("stack: shapes " + first + " and " + t.shape() + " differ");
                }
                OpChecks.sameDevice("stack", parts.get(0).primitive(), t.primitive());
                OpChecks.dtype("stack", t.primitive(), parts.get(0).dtype());
                expanded.add(t.unsqueezePrimitive(dim));
            }
            int d = dim < 0 ? dim + first.rank() + 1 : dim;
            return parts.get(0).backend().cat(expanded, d);
        } finally {
            expanded.forEach(TensorPrimitive::release);
        }
    }

    private int[] identityAxes() {
        int[] axes = new int[rank()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        return axes;
    }

    @Override
    public String toString() {
        if (!handle.isOpen()) {
            return getClass().getSimpleName() + "[closed, shape=" + handle.primitive().shape() + ", dtype=" + handle.primitive().dtype() + "]";
        }
        return TensorFormat.format(getClass().getSimpleName(), this);
    }
}
