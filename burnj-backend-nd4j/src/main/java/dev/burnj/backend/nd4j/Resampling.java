package dev.burnj.backend.nd4j;

import static dev.burnj.backend.nd4j.Tensors.arr;

import dev.burnj.backend.InterpolateMode;
import dev.burnj.backend.TensorPrimitive;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adaptive average pooling and interpolation as separable linear maps ({@link SeparableMap}). This keeps PyTorch's
 * exact index rules, which libnd4j's resize kernels (TensorFlow conventions) do not share, and makes backward the
 * transposed maps.
 */
final class Resampling {
    private final Tensors tensors;

    Resampling(Tensors tensors) {
        this.tensors = tensors;
    }

    TensorPrimitive adaptiveAvgPool2d(TensorPrimitive input, int outHeight, int outWidth) {
        INDArray x = arr(input);
        return forward(x, SeparableMap.adaptiveAverage((int) x.size(2), outHeight), SeparableMap.adaptiveAverage((int) x.size(3), outWidth));
    }

    TensorPrimitive adaptiveAvgPool2dBackward(TensorPrimitive input, TensorPrimitive outputGrad) {
        INDArray x = arr(input);
        INDArray g = arr(outputGrad);
        return backward(g, SeparableMap.adaptiveAverage((int) x.size(2), (int) g.size(2)),
                SeparableMap.adaptiveAverage((int) x.size(3), (int) g.size(3)));
    }

    TensorPrimitive interpolate(TensorPrimitive input, int outHeight, int outWidth, InterpolateMode mode) {
        INDArray x = arr(input);
        return forward(x, map(mode, (int) x.size(2), outHeight), map(mode, (int) x.size(3), outWidth));
    }

    TensorPrimitive interpolateBackward(TensorPrimitive input, TensorPrimitive outputGrad, InterpolateMode mode) {
        INDArray x = arr(input);
        INDArray g = arr(outputGrad);
        return backward(g, map(mode, (int) x.size(2), (int) g.size(2)), map(mode, (int) x.size(3), (int) g.size(3)));
    }

    private TensorPrimitive forward(INDArray x, SeparableMap rows, SeparableMap cols) {
        return tensors.wrap(SeparableMap.apply(x, rows, cols, false));
    }

    private TensorPrimitive backward(INDArray g, SeparableMap rows, SeparableMap cols) {
        return tensors.wrap(SeparableMap.apply(g, rows, cols, true));
    }

    private static SeparableMap map(InterpolateMode mode, int in, int out) {
        return switch (mode) {
            case NEAREST -> SeparableMap.nearest(in, out);
            case BILINEAR -> SeparableMap.linear(in, out);
        };
    }
}
