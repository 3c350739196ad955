package dev.burnj.backend.vulkan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.burnj.backend.ConvGradients;
import dev.burnj.backend.ConvOptions;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.conformance.reference.ReferenceModule;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * conv2d forward and gradients on both paths — im2col + GEMM (the default, which the conformance suite exercises)
 * and the direct kernels (forced with {@code burnj.vulkan.conv=direct}) — against the plain-Java reference, including
 * an image large enough that the direct weight gradient is split into chunks.
 */
class ConvolutionPathsTest extends VulkanTestSupport {
    private static VulkanBackend direct;

    @BeforeAll
    static void directBackend() {
        System.setProperty(Convolutions.MODE_PROPERTY, "direct");
        try {
            VulkanInstance.Discovery d = VulkanInstance.discover();
            direct = new VulkanBackend(DeviceSelection.order(d.devices(), null), d.physical(), Path.of("target", "spirv-cache"));
        } finally {
            System.clearProperty(Convolutions.MODE_PROPERTY);
        }
    }

    @AfterAll
    static void close() {
        if (direct != null) {
            direct.close();
        }
    }

    private static TensorData random(long seed, DType dtype, int... dims) {
        Shape s = Shape.of(dims);
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[s.numelInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return TensorData.fromDoubles(v, s, dtype);
    }

    private static void check(VulkanBackend b, int[] x, int[] w, ConvOptions o, boolean bias, double tol) {
        TensorData input = random(1, DType.F64, x);
        TensorData weight = random(2, DType.F64, w);
        TensorData biasData = bias ? random(3, DType.F64, w[0]) : null;
        TensorData expected = ReferenceModule.conv2d(input, weight, biasData, o);
        TensorData gy = random(4, DType.F64, expected.shape().dims());
        List<TensorData> grads = ReferenceModule.conv2dBackward(input, weight, biasData, gy, o);
        TensorPrimitive tx = b.fromData(input, b.defaultDevice());
        TensorPrimitive tw = b.fromData(weight, b.defaultDevice());
        TensorPrimitive tb = bias ? b.fromData(biasData, b.defaultDevice()) : null;
        TensorPrimitive tg = b.fromData(gy, b.defaultDevice());
        TensorPrimitive y = b.conv2d(tx, tw, tb, o);
        ConvGradients g = b.conv2dBackward(tx, tw, tb, tg, o);
        assertArrayEquals(expected.toDoubles(), b.toData(y).toDoubles(), tol, "forward");
        assertArrayEquals(grads.get(0).toDoubles(), b.toData(g.input()).toDoubles(), tol, "input gradient");
        assertArrayEquals(grads.get(1).toDoubles(), b.toData(g.weight()).toDoubles(), tol, "weight gradient");
        if (bias) {
            assertArrayEquals(grads.get(2).toDoubles(), b.toData(g.bias()).toDoubles(), tol, "bias gradient");
            g.bias().release();
            tb.release();
        } else {
            assertNull(g.bias());
        }
        for (TensorPrimitive t : new TensorPrimitive[] {tx, tw, tg, y, g.input(), g.weight()}) {
            t.release();
        }
    }

    private static final ConvOptions STRIDED_DILATED_GROUPED = new ConvOptions(new int[] {2, 1}, new int[] {1, 2}, new int[] {1, 2}, 2);

    @Test
    void gemmPath() {
        check(B, new int[] {2, 4, 9, 8}, new int[] {6, 2, 3, 3}, STRIDED_DILATED_GROUPED, true, 1e-12);
        check(B, new int[] {3, 3, 7, 7}, new int[] {4, 3, 2, 3}, ConvOptions.defaults(2), false, 1e-12);
    }

    @Test
    void directPath() {
        check(direct, new int[] {2, 4, 9, 8}, new int[] {6, 2, 3, 3}, STRIDED_DILATED_GROUPED, true, 1e-12);
        check(direct, new int[] {3, 3, 7, 7}, new int[] {4, 3, 2, 3}, ConvOptions.defaults(2), false, 1e-12);
    }

    /** 2 x 300 rows of 60 columns: the direct weight gradient folds them in several chunks. */
    @Test
    void largeImagesOnBothPaths() {
        ConvOptions o = new ConvOptions(new int[] {1, 2}, new int[] {1, 0}, new int[] {1, 1}, 1);
        check(direct, new int[] {2, 2, 300, 60}, new int[] {3, 2, 3, 3}, o, true, 1e-9);
        check(B, new int[] {2, 2, 300, 60}, new int[] {3, 2, 3, 3}, o, true, 1e-9);
    }
}
