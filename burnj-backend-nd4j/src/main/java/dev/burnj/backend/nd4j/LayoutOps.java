package dev.burnj.backend.nd4j;

import static dev.burnj.backend.nd4j.Tensors.arr;

import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Slice;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Casts, shape changes, slicing, concatenation and index-based selection. Views share storage instead of copying. */
final class LayoutOps {
    private final Tensors tensors;

    LayoutOps(Tensors tensors) {
        this.tensors = tensors;
    }

    TensorPrimitive cast(TensorPrimitive tensor, DType dtype) {
        DataType target = DTypes.toNd4j(dtype);
        if (tensor.dtype() == dtype) {
            return tensor.retain();
        }
        INDArray a = arr(tensor);
        if (a.isEmpty()) {
            return tensors.wrap(Nd4j.create(target, a.shape()));
        }
        return tensors.wrap(a.castTo(target));
    }

    TensorPrimitive reshape(TensorPrimitive tensor, Shape shape) {
        if (tensor.shape().equals(shape)) {
            return tensor.retain();
        }
        INDArray a = arr(tensor);
        if (a.isEmpty() || shape.numel() == 0) {
            return tensors.wrap(Nd4j.create(a.dataType(), Tensors.longs(shape)));
        }
        // A view when the strides allow it, otherwise ND4J copies; derive() tells which.
        return tensors.derive(tensor, Tensors.reshaped(a, Tensors.longs(shape)));
    }

    TensorPrimitive permute(TensorPrimitive tensor, int[] axes) {
        if (isIdentity(axes)) {
            return tensor.retain();
        }
        return tensors.derive(tensor, ViewCache.SHARED.permute(arr(tensor), axes));
    }

    TensorPrimitive expand(TensorPrimitive tensor, Shape shape) {
        if (tensor.shape().equals(shape)) {
            return tensor.retain();
        }
        if (shape.numel() == 0) {
            return tensors.wrap(Nd4j.create(arr(tensor).dataType(), Tensors.longs(shape)));
        }
        return tensors.wrap(Broadcasting.expand(arr(tensor), Tensors.longs(shape)));
    }

    TensorPrimitive slice(TensorPrimitive tensor, Slice[] slices) {
        Shape shape = tensor.shape();
        if (coversAll(shape, slices)) {
            return tensor.retain();
        }
        Shape result = sliceShape(shape, slices);
        if (result.numel() == 0) {
            return tensors.wrap(Nd4j.create(arr(tensor).dataType(), Tensors.longs(result)));
        }
        return tensors.derive(tensor, window(arr(tensor), slices));
    }

    TensorPrimitive sliceAssign(TensorPrimitive tensor, Slice[] slices, TensorPrimitive values) {
        INDArray copy = arr(tensor).dup('c');
        if (sliceShape(tensor.shape(), slices).numel() == 0) {
            return tensors.wrap(copy);
        }
        if (hasSteps(slices)) {
            // Stepped regions cannot be viewed safely (see Views), so their elements are addressed by flat position.
            INDArray positions = FlatIndex.window(tensor.shape(), field(slices, 0), field(slices, 1), field(slices, 2));
            INDArray flat = BoolAsInt.widen(flatten(copy));
            INDArray updates = BoolAsInt.widen(flatten(arr(values)));
            try {
                Kernel.custom("scatter_upd").in(flat, flatten(positions), updates).out(flat).bools(true, false).exec();
                BoolAsInt.narrowInto(flat, flatten(copy));
            } finally {
                positions.close();
                Tensors.closeTemp(updates, arr(values));
            }
        } else {
            INDArray region = window(copy, slices);
            Kernel.custom("assign").in(region, arr(values)).out(region).exec();
        }
        return tensors.wrap(copy);
    }

    TensorPrimitive cat(List<TensorPrimitive> parts, int dim) {
        List<INDArray> nonEmpty = new ArrayList<>(parts.size());
        int total = 0;
        for (TensorPrimitive p : parts) {
            total += p.shape().dim(dim);
            if (p.shape().numel() > 0) {
                nonEmpty.add(arr(p));
            }
        }
        Shape result = parts.get(0).shape().withDim(dim, total);
        if (nonEmpty.size() == 1 && parts.size() == 1) {
            return parts.get(0).retain();
        }
        INDArray out = Tensors.alloc(parts.get(0).dtype(), result);
        if (nonEmpty.isEmpty()) {
            return tensors.wrap(out);
        }
        return tensors.wrap(Kernel.custom("concat").in(nonEmpty.toArray(INDArray[]::new)).out(out).ints(dim).exec1());
    }

    TensorPrimitive flip(TensorPrimitive tensor, int[] dims) {
        if (dims.length == 0 || tensor.shape().numel() == 0) {
            return tensor.retain();
        }
        INDArray out = Tensors.alloc(tensor.dtype(), tensor.shape());
        return tensors.wrap(Kernel.custom("reverse").in(arr(tensor)).out(out).ints(Tensors.longs(dims)).exec1());
    }

    TensorPrimitive repeat(TensorPrimitive tensor, int dim, int times) {
        Shape shape = tensor.shape();
        Shape result = shape.withDim(dim, shape.dim(dim) * times);
        if (times == 1) {
            return tensor.retain();
        }
        INDArray out = Tensors.alloc(tensor.dtype(), result);
        if (result.numel() == 0) {
            return tensors.wrap(out);
        }
        long[] reps = new long[shape.rank()];
        java.util.Arrays.fill(reps, 1);
        reps[dim] = times;
        return tensors.wrap(Kernel.custom("tile").in(arr(tensor)).out(out).ints(reps).exec1());
    }

    TensorPrimitive indexSelect(TensorPrimitive tensor, int dim, TensorPrimitive indices) {
        Shape result = tensor.shape().withDim(dim, indices.shape().dim(0));
        INDArray out = Tensors.alloc(tensor.dtype(), result);
        if (result.numel() == 0) {
            return tensors.wrap(out);
        }
        INDArray source = BoolAsInt.widen(arr(tensor));
        INDArray target = BoolAsInt.widen(out);
        Kernel.custom("gather").in(source, arr(indices)).out(target).ints(dim).exec();
        BoolAsInt.narrowInto(target, out);
        Tensors.closeTemp(source, arr(tensor));
        return tensors.wrap(out);
    }

    TensorPrimitive gather(TensorPrimitive tensor, int dim, TensorPrimitive indices) {
        INDArray out = Tensors.alloc(tensor.dtype(), indices.shape());
        if (indices.shape().numel() == 0) {
            return tensors.wrap(out);
        }
        INDArray flat = BoolAsInt.widen(flatten(arr(tensor)));
        INDArray target = BoolAsInt.widen(out);
        INDArray positions = FlatIndex.along(tensor.shape(), dim, arr(indices));
        try {
            takeFlat(flat, positions, target);
            BoolAsInt.narrowInto(target, out);
            return tensors.wrap(out);
        } finally {
            positions.close();
            Tensors.closeTemp(flat, arr(tensor));
        }
    }

    TensorPrimitive scatter(TensorPrimitive tensor, int dim, TensorPrimitive indices, TensorPrimitive values, boolean add) {
        INDArray copy = arr(tensor).dup('c');
        if (indices.shape().numel() > 0) {
            scatterInto(copy, tensor.shape(), dim, arr(indices), arr(values), add);
        }
        return tensors.wrap(copy);
    }

    /** Writes (or adds) {@code values} into the dense c-order {@code target} at the positions {@code indices} select along {@code dim}. */
    static void scatterInto(INDArray target, Shape shape, int dim, INDArray indices, INDArray values, boolean add) {
        if (add && DirectLoops.scatterAdds(target.dataType()) && values.dataType() == target.dataType()) {
            scatterAddDirect(target, shape, dim, indices, values);
            return;
        }
        INDArray flat = BoolAsInt.widen(Tensors.reshaped(target, target.length()));
        INDArray positions = FlatIndex.along(shape, dim, indices);
        INDArray updates = BoolAsInt.widen(flatten(values));
        try {
            // lock = true serialises the updates: duplicates must accumulate, or the last write must win.
            Kernel.custom(add ? "scatter_add" : "scatter_upd").in(flat, flatten(positions), updates).out(flat).bools(true, false).exec();
            BoolAsInt.narrowInto(flat, Tensors.reshaped(target, target.length()));
        } finally {
            positions.close();
            Tensors.closeTemp(updates, values);
        }
    }

    /** scatterInto's float accumulation without libnd4j's serialised scatter_add (~280 ns an update). */
    private static void scatterAddDirect(INDArray target, Shape shape, int dim, INDArray indices, INDArray values) {
        INDArray positions = FlatIndex.along(shape, dim, indices);
        INDArray flatValues = flatten(values);
        INDArray updates = flatValues;
        if (!DirectLoops.isDense(flatValues)) {
            updates = flatValues.dup('c');
            Tensors.closeTemp(flatValues, values);
        }
        try {
            DirectLoops.scatterAdd(target, positions, updates);
        } finally {
            positions.close();
            Tensors.closeTemp(updates, values);
        }
    }

    /**
     * {@code out[i] = flat[positions[i]]} elementwise over any (equal) shapes of {@code positions} and {@code out}.
     * libnd4j's gather aborts the process on multi-dimensional indices, so both go in as rank-1 views.
     */
    static void takeFlat(INDArray flat, INDArray positions, INDArray out) {
        Kernel.custom("gather").in(flat, flatten(positions)).out(flatten(out)).ints(0).exec();
    }

    /** A rank-1 row-major view of {@code a}, copying only when its layout does not allow one. */
    static INDArray flatten(INDArray a) {
        return Tensors.reshaped(a, a.length());
    }

    private static INDArray window(INDArray a, Slice[] slices) {
        return Views.window(a, field(slices, 0), field(slices, 1), field(slices, 2));
    }

    /** Per-dim start (0), length (1) or step (2) of resolved slices. */
    private static long[] field(Slice[] slices, int which) {
        long[] out = new long[slices.length];
        for (int d = 0; d < slices.length; d++) {
            Slice s = slices[d];
            out[d] = which == 0 ? s.start() : which == 1 ? s.length() : s.step();
        }
        return out;
    }

    private static boolean hasSteps(Slice[] slices) {
        for (Slice s : slices) {
            if (s.step() != 1) {
                return true;
            }
        }
        return false;
    }

    private static Shape sliceShape(Shape shape, Slice[] slices) {
        int[] dims = shape.dims();
        for (int i = 0; i < slices.length; i++) {
            dims[i] = slices[i].length();
        }
        return Shape.of(dims);
    }

    private static boolean coversAll(Shape shape, Slice[] slices) {
        for (int i = 0; i < slices.length; i++) {
            Slice s = slices[i];
            if (s.start() != 0 || s.step() != 1 || s.end() != shape.dim(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdentity(int[] axes) {
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] != i) {
                return false;
            }
        }
        return true;
    }
}
