package dev.burnj.backend.nd4j;

import dev.burnj.backend.ConvGradients;
import dev.burnj.backend.ConvOptions;
import dev.burnj.backend.ConvTransposeOptions;
import dev.burnj.backend.TensorPrimitive;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * 2-D convolutions on libnd4j's conv2d/deconv2d kernels (NCHW, PyTorch weight layouts via wFormat = 1).
 *
 * <p>Groups run one kernel call per group on channel views, written straight into views of the output. Transposed
 * convolution runs deconv2d without padding to get the full output and then crops {@code padding} from the start and
 * keeps {@code size - 2 * padding + outputPadding} elements, which is PyTorch's definition; output padding beyond
 * the full size is zero before the bias.
 */
final class Convolutions {
    /** libnd4j data format NCHW and weight format [out, in, kH, kW] (conv2d) / [in, out, kH, kW] (deconv2d). */
    private static final long NCHW = 0;
    private static final long TORCH_WEIGHTS = 1;

    private final Tensors tensors;

    Convolutions(Tensors tensors) {
        this.tensors = tensors;
    }

    TensorPrimitive conv2d(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, ConvOptions o) {
        try (DenseArray dx = DenseArray.of(input); DenseArray dw = DenseArray.of(weight); DenseArray db = DenseArray.of(bias)) {
            return conv2d(dx.get(), dw.get(), db == null ? null : db.get(), o);
        }
    }

    private TensorPrimitive conv2d(INDArray x, INDArray w, INDArray bias, ConvOptions o) {
        long[] ws = w.shape();
        long oH = o.outputSize(0, (int) x.size(2), (int) ws[2]);
        long oW = o.outputSize(1, (int) x.size(3), (int) ws[3]);
        INDArray out = Tensors.alloc(x.dataType(), new long[] {x.size(0), ws[0], oH, oW});
        int groups = o.groups();
        Threading.forProduct(out.length() / groups * ws[1] * ws[2] * ws[3]);
        OneDnn.convolution(o.dilation(), () -> {
            for (int g = 0; g < groups; g++) {
                Kernel k = Kernel.custom("conv2d").in(Groups.part(x, 1, g, groups), Groups.part(w, 0, g, groups));
                if (bias != null) {
                    k.in(Groups.part(bias, 0, g, groups));
                }
                k.out(Groups.part(out, 1, g, groups)).ints(convArgs(ws[2], ws[3], o.stride(), o.padding(), o.dilation())).exec();
            }
        });
        return tensors.wrap(out);
    }

    ConvGradients conv2dBackward(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, TensorPrimitive outputGrad, ConvOptions o) {
        try (DenseArray dx = DenseArray.of(input); DenseArray dw = DenseArray.of(weight); DenseArray dgy = DenseArray.of(outputGrad)) {
            return conv2dBackward(dx.get(), dw.get(), bias != null, dgy.get(), o);
        }
    }

    private ConvGradients conv2dBackward(INDArray x, INDArray w, boolean hasBias, INDArray gy, ConvOptions o) {
        long[] ws = w.shape();
        INDArray gx = Tensors.alloc(x.dataType(), x.shape());
        INDArray gw = Tensors.alloc(w.dataType(), ws);
        int groups = o.groups();
        Threading.forProduct(gy.length() / groups * ws[1] * ws[2] * ws[3]);
        OneDnn.convolution(o.dilation(), () -> {
            for (int g = 0; g < groups; g++) {
                Kernel.custom("conv2d_bp").in(Groups.part(x, 1, g, groups), Groups.part(w, 0, g, groups), Groups.part(gy, 1, g, groups))
                        .out(Groups.part(gx, 1, g, groups), Groups.part(gw, 0, g, groups))
                        .ints(convArgs(ws[2], ws[3], o.stride(), o.padding(), o.dilation())).exec();
            }
        });
        return new ConvGradients(tensors.wrap(gx), tensors.wrap(gw), hasBias ? tensors.wrap(biasGrad(gy)) : null);
    }

    TensorPrimitive convTranspose2d(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, ConvTransposeOptions o) {
        try (DenseArray dx = DenseArray.of(input); DenseArray dw = DenseArray.of(weight); DenseArray db = DenseArray.of(bias)) {
            return convTranspose2d(dx.get(), dw.get(), db == null ? null : db.get(), o);
        }
    }

    private TensorPrimitive convTranspose2d(INDArray x, INDArray w, INDArray bias, ConvTransposeOptions o) {
        long[] ws = w.shape();
        int groups = o.groups();
        long outChannels = ws[1] * groups;
        long[] full = {x.size(0), outChannels, fullSize(x.size(2), ws[2], o, 0), fullSize(x.size(3), ws[3], o, 1)};
        INDArray y = Tensors.alloc(x.dataType(), full);
        Threading.forProduct(x.length() / groups * ws[1] * ws[2] * ws[3]);
        OneDnn.convolution(o.dilation(), () -> {
            for (int g = 0; g < groups; g++) {
                Kernel.custom("deconv2d").in(Groups.part(x, 1, g, groups), Groups.part(w, 0, g, groups)).out(Groups.part(y, 1, g, groups))
                        .ints(convArgs(ws[2], ws[3], o.stride(), new int[2], o.dilation())).exec();
            }
        });
        long oH = o.outputSize(0, (int) x.size(2), (int) ws[2]);
        long oW = o.outputSize(1, (int) x.size(3), (int) ws[3]);
        INDArray out = crop(y, o.padding(), oH, oW);
        if (out != y) {
            y.close();
        }
        if (bias != null) {
            Kernel.custom("add").in(out, Tensors.reshaped(bias, 1, outChannels, 1, 1)).out(out).exec();
        }
        return tensors.wrap(out);
    }

    ConvGradients convTranspose2dBackward(TensorPrimitive input, TensorPrimitive weight, TensorPrimitive bias, TensorPrimitive outputGrad,
            ConvTransposeOptions o) {
        try (DenseArray dx = DenseArray.of(input); DenseArray dw = DenseArray.of(weight); DenseArray dgy = DenseArray.of(outputGrad)) {
            return convTranspose2dBackward(dx.get(), dw.get(), bias != null, dgy.get(), o);
        }
    }

    private ConvGradients convTranspose2dBackward(INDArray x, INDArray w, boolean hasBias, INDArray gy, ConvTransposeOptions o) {
        long[] ws = w.shape();
        long[] full = {x.size(0), gy.size(1), fullSize(x.size(2), ws[2], o, 0), fullSize(x.size(3), ws[3], o, 1)};
        INDArray gFull = uncrop(gy, o.padding(), full);
        INDArray gx = Tensors.alloc(x.dataType(), x.shape());
        INDArray gw = Tensors.alloc(w.dataType(), ws);
        int groups = o.groups();
        Threading.forProduct(x.length() / groups * ws[1] * ws[2] * ws[3]);
        try {
            OneDnn.convolution(o.dilation(), () -> {
                for (int g = 0; g < groups; g++) {
                    Kernel.custom("deconv2d_bp").in(Groups.part(x, 1, g, groups), Groups.part(w, 0, g, groups), Groups.part(gFull, 1, g, groups))
                            .out(Groups.part(gx, 1, g, groups), Groups.part(gw, 0, g, groups))
                            .ints(convArgs(ws[2], ws[3], o.stride(), new int[2], o.dilation())).exec();
                }
            });
        } finally {
            if (gFull != gy) {
                gFull.close();
            }
        }
        return new ConvGradients(tensors.wrap(gx), tensors.wrap(gw), hasBias ? tensors.wrap(biasGrad(gy)) : null);
    }

    /** Sum of the output gradient over batch and space: the bias gradient, shape [C]. */
    private static INDArray biasGrad(INDArray gy) {
        INDArray gb = Tensors.alloc(gy.dataType(), new long[] {gy.size(1)});
        return Kernel.custom("reduce_sum").in(gy).out(gb).ints(0, 2, 3).bools(false).exec1();
    }

    /** Transposed-conv output size before cropping the padding: {@code (in - 1) * stride + dilation * (k - 1) + 1}. */
    private static long fullSize(long in, long kernel, ConvTransposeOptions o, int dim) {
        return (in - 1) * o.stride()[dim] + o.dilation()[dim] * (kernel - 1) + 1;
    }

    /** Rows/cols {@code [p, p + out)} of the full result, zero where that runs past its end (output padding). */
    private static INDArray crop(INDArray full, int[] padding, long oH, long oW) {
        long fH = full.size(2);
        long fW = full.size(3);
        if (padding[0] == 0 && padding[1] == 0 && oH == fH && oW == fW) {
            return full;
        }
        INDArray out = Nd4j.zeros(full.dataType(), full.size(0), full.size(1), oH, oW);
        long h = Math.min(oH, fH - padding[0]);
        long w = Math.min(oW, fW - padding[1]);
        INDArray src = Views.spatial(full, padding[0], h, padding[1], w);
        INDArray dst = Views.spatial(out, 0, h, 0, w);
        Kernel.custom("assign").in(dst, src).out(dst).exec();
        return out;
    }

    /** The inverse placement of {@link #crop}: the gradient laid into a zero full-size frame at offset {@code padding}. */
    private static INDArray uncrop(INDArray grad, int[] padding, long[] full) {
        long oH = grad.size(2);
        long oW = grad.size(3);
        if (padding[0] == 0 && padding[1] == 0 && oH == full[2] && oW == full[3]) {
            return grad;
        }
        INDArray frame = Nd4j.zeros(grad.dataType(), full);
        long h = Math.min(oH, full[2] - padding[0]);
        long w = Math.min(oW, full[3] - padding[1]);
        INDArray dst = Views.spatial(frame, padding[0], h, padding[1], w);
        INDArray src = Views.spatial(grad, 0, h, 0, w);
        Kernel.custom("assign").in(dst, src).out(dst).exec();
        return frame;
    }

    /** libnd4j's integer arguments: kH, kW, sH, sW, pH, pW, dH, dW, same-mode off, NCHW, PyTorch weight layout. */
    private static long[] convArgs(long kH, long kW, int[] stride, int[] padding, int[] dilation) {
        return new long[] {kH, kW, stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1], 0, NCHW, TORCH_WEIGHTS};
    }
}
