package dev.burnj.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.burnj.backend.ConvGradients;
import dev.burnj.backend.ConvOptions;
import dev.burnj.backend.ConvTransposeOptions;
import dev.burnj.backend.InterpolateMode;
import dev.burnj.backend.MaxPoolResult;
import dev.burnj.backend.PoolOptions;
import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Forward and backward of the native module ops against {@link ModuleReference}, in double precision. */
class Nd4jModuleOpsTest extends Nd4jTestSupport {
    @ParameterizedTest(name = "groups={0} stride={1} pad={2} dilation={3} bias={4}")
    @CsvSource({"1,1,0,1,true", "1,2,1,1,false", "2,1,1,2,true", "2,2,2,1,true", "4,1,1,1,false"})
    void conv2d(int groups, int stride, int pad, int dilation, boolean withBias) {
        int n = 2, cin = 4, h = 7, w = 6, cout = 4, kh = 3, kw = 2;
        int[] s = {stride, stride}, p = {pad, pad}, d = {dilation, dilation};
        double[] x = random(1, n * cin * h * w);
        double[] wt = random(2, cout * (cin / groups) * kh * kw);
        double[] bias = withBias ? random(3, cout) : null;
        double[] expected = ModuleReference.conv2d(x, n, cin, h, w, wt, cout, kh, kw, bias, s, p, d, groups, null, null, null);
        int oh = (h + 2 * pad - dilation * (kh - 1) - 1) / stride + 1;
        int ow = (w + 2 * pad - dilation * (kw - 1) - 1) / stride + 1;
        double[] gy = random(4, expected.length);
        double[] gx = new double[x.length];
        double[] gw = new double[wt.length];
        ModuleReference.conv2d(x, n, cin, h, w, wt, cout, kh, kw, bias, s, p, d, groups, gy, gx, gw);

        TensorPrimitive tx = f64(x, n, cin, h, w);
        TensorPrimitive tw = f64(wt, cout, cin / groups, kh, kw);
        TensorPrimitive tb = withBias ? f64(bias, cout) : null;
        TensorPrimitive tgy = f64(gy, n, cout, oh, ow);
        ConvOptions options = new ConvOptions(s, p, d, groups);
        TensorPrimitive y = B.conv2d(tx, tw, tb, options);
        assertClose(expected, y, n, cout, oh, ow);
        ConvGradients grads = B.conv2dBackward(tx, tw, tb, tgy, options);
        assertClose(gx, grads.input(), n, cin, h, w);
        assertClose(gw, grads.weight(), cout, cin / groups, kh, kw);
        if (withBias) {
            assertClose(channelSums(gy, n, cout, oh * ow), grads.bias(), cout);
        } else {
            assertNull(grads.bias());
        }
        release(tx, tw, tb, tgy, y, grads.input(), grads.weight(), grads.bias());
    }

    @ParameterizedTest(name = "groups={0} stride={1} pad={2} outPad={3} dilation={4}")
    @CsvSource({"1,1,0,0,1", "1,2,1,1,1", "2,2,0,1,1", "2,3,1,2,1", "1,1,1,1,2", "2,2,2,0,2"})
    void convTranspose2d(int groups, int stride, int pad, int outPad, int dilation) {
        int n = 2, cin = 4, h = 4, w = 3, coutG = 3, kh = 3, kw = 2;
        int[] s = {stride, stride}, p = {pad, pad}, op = {outPad, outPad}, d = {dilation, dilation};
        double[] x = random(5, n * cin * h * w);
        double[] wt = random(6, cin * coutG * kh * kw);
        double[] bias = random(7, coutG * groups);
        double[] expected = ModuleReference.convTranspose2d(x, n, cin, h, w, wt, coutG, kh, kw, bias, s, p, op, d, groups, null, null, null);
        int oh = (h - 1) * stride - 2 * pad + dilation * (kh - 1) + outPad + 1;
        int ow = (w - 1) * stride - 2 * pad + dilation * (kw - 1) + outPad + 1;
        int cout = coutG * groups;
        double[] gy = random(8, expected.length);
        double[] gx = new double[x.length];
        double[] gw = new double[wt.length];
        ModuleReference.convTranspose2d(x, n, cin, h, w, wt, coutG, kh, kw, bias, s, p, op, d, groups, gy, gx, gw);

        TensorPrimitive tx = f64(x, n, cin, h, w);
        TensorPrimitive tw = f64(wt, cin, coutG, kh, kw);
        TensorPrimitive tb = f64(bias, cout);
        TensorPrimitive tgy = f64(gy, n, cout, oh, ow);
        ConvTransposeOptions options = new ConvTransposeOptions(s, p, op, d, groups);
        TensorPrimitive y = B.convTranspose2d(tx, tw, tb, options);
        assertClose(expected, y, n, cout, oh, ow);
        ConvGradients grads = B.convTranspose2dBackward(tx, tw, tb, tgy, options);
        assertClose(gx, grads.input(), n, cin, h, w);
        assertClose(gw, grads.weight(), cin, coutG, kh, kw);
        assertClose(channelSums(gy, n, cout, oh * ow), grads.bias(), cout);
        release(tx, tw, tb, tgy, y, grads.input(), grads.weight(), grads.bias());
    }

    @ParameterizedTest(name = "k={0} s={1} p={2} d={3} ceil={4}")
    @CsvSource({"2,2,0,1,false", "3,2,1,1,false", "3,2,1,1,true", "2,2,0,1,true", "3,1,1,2,false", "2,3,1,2,true"})
    void maxPool2d(int k, int s, int p, int d, boolean ceil) {
        int n = 2, c = 3, h = 7, w = 8;
        double[] x = random(9, n * c * h * w);
        x[5] = x[6]; // a tie inside one window: the first index must win
        long[] idx = new long[n * c * ModuleReference.poolOut(h, k, s, p, d, ceil) * ModuleReference.poolOut(w, k, s, p, d, ceil)];
        double[] expected = ModuleReference.maxPool(x, n * c, h, w, k, s, p, d, ceil, idx);
        int oh = ModuleReference.poolOut(h, k, s, p, d, ceil);
        int ow = ModuleReference.poolOut(w, k, s, p, d, ceil);
        double[] gy = random(10, expected.length);
        double[] gx = new double[x.length];
        for (int i = 0; i < idx.length; i++) {
            int plane = i / (oh * ow);
            gx[plane * h * w + (int) idx[i]] += gy[i];
        }

        TensorPrimitive tx = f64(x, n, c, h, w);
        PoolOptions options = new PoolOptions(new int[] {k, k}, new int[] {s, s}, new int[] {p, p}, new int[] {d, d}, ceil, true);
        MaxPoolResult r = B.maxPool2dWithIndices(tx, options);
        assertClose(expected, r.values(), n, c, oh, ow);
        assertEquals(Shape.of(n, c, oh, ow), r.indices().shape());
        assertArrayEquals(idx, longs(r.indices()));
        TensorPrimitive tgy = f64(gy, n, c, oh, ow);
        TensorPrimitive grad = B.maxPool2dBackward(tx, options, tgy, r.indices());
        assertClose(gx, grad, n, c, h, w);
        release(tx, r.values(), r.indices(), tgy, grad);
    }

    @ParameterizedTest(name = "k={0} s={1} p={2} ceil={3} includePad={4}")
    @CsvSource({"2,2,0,false,true", "3,2,1,false,true", "3,2,1,false,false", "3,2,1,true,true", "3,2,1,true,false", "2,3,1,true,false"})
    void avgPool2d(int k, int s, int p, boolean ceil, boolean includePad) {
        int n = 2, c = 2, h = 7, w = 8;
        double[] x = random(11, n * c * h * w);
        double[] expected = ModuleReference.avgPool(x, n * c, h, w, k, s, p, ceil, includePad, null, null);
        int oh = ModuleReference.poolOut(h, k, s, p, 1, ceil);
        int ow = ModuleReference.poolOut(w, k, s, p, 1, ceil);
        double[] gy = random(12, expected.length);
        double[] gx = new double[x.length];
        ModuleReference.avgPool(x, n * c, h, w, k, s, p, ceil, includePad, gy, gx);

        TensorPrimitive tx = f64(x, n, c, h, w);
        PoolOptions options = new PoolOptions(new int[] {k, k}, new int[] {s, s}, new int[] {p, p}, new int[] {1, 1}, ceil, includePad);
        TensorPrimitive y = B.avgPool2d(tx, options);
        assertClose(expected, y, n, c, oh, ow);
        TensorPrimitive tgy = f64(gy, n, c, oh, ow);
        TensorPrimitive grad = B.avgPool2dBackward(tx, options, tgy);
        assertClose(gx, grad, n, c, h, w);
        release(tx, y, tgy, grad);
    }

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource({"7,5,3,2", "4,6,4,6", "5,3,7,8", "6,6,1,1"})
    void adaptiveAvgPool2d(int h, int w, int oh, int ow) {
        int n = 2, c = 3;
        double[] x = random(13, n * c * h * w);
        double[] expected = ModuleReference.adaptiveAvgPool(x, n * c, h, w, oh, ow, null, null);
        double[] gy = random(14, expected.length);
        double[] gx = new double[x.length];
        ModuleReference.adaptiveAvgPool(x, n * c, h, w, oh, ow, gy, gx);

        TensorPrimitive tx = f64(x, n, c, h, w);
        TensorPrimitive y = B.adaptiveAvgPool2d(tx, oh, ow);
        assertClose(expected, y, n, c, oh, ow);
        TensorPrimitive tgy = f64(gy, n, c, oh, ow);
        TensorPrimitive grad = B.adaptiveAvgPool2dBackward(tx, tgy);
        assertClose(gx, grad, n, c, h, w);
        release(tx, y, tgy, grad);
    }

    @ParameterizedTest(name = "{4}: {0}x{1} -> {2}x{3}")
    @CsvSource({"4,5,8,10,NEAREST", "5,4,3,7,NEAREST", "4,5,8,10,BILINEAR", "5,4,3,7,BILINEAR", "3,3,3,3,BILINEAR", "6,4,4,9,BILINEAR"})
    void interpolate(int h, int w, int oh, int ow, InterpolateMode mode) {
        int n = 2, c = 2;
        boolean bilinear = mode == InterpolateMode.BILINEAR;
        double[] x = random(15, n * c * h * w);
        double[] expected = ModuleReference.interpolate(x, n * c, h, w, oh, ow, bilinear, null, null);
        double[] gy = random(16, expected.length);
        double[] gx = new double[x.length];
        ModuleReference.interpolate(x, n * c, h, w, oh, ow, bilinear, gy, gx);

        TensorPrimitive tx = f64(x, n, c, h, w);
        TensorPrimitive y = B.interpolate(tx, oh, ow, mode);
        assertClose(expected, y, n, c, oh, ow);
        TensorPrimitive tgy = f64(gy, n, c, oh, ow);
        TensorPrimitive grad = B.interpolateBackward(tx, tgy, mode);
        assertClose(gx, grad, n, c, h, w);
        release(tx, y, tgy, grad);
    }

    private static double[] channelSums(double[] g, int n, int c, int plane) {
        double[] out = new double[c];
        for (int i = 0; i < g.length; i++) {
            out[(i / plane) % c] += g[i];
        }
        return out;
    }
}
