package dev.burnj.backend.vulkan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.burnj.backend.TensorPrimitive;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.TensorData;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Full reductions on both tree paths: within subgroups first (where the device has subgroup arithmetic, as lavapipe
 * does) and in shared memory only ({@code burnj.vulkan.subgroups=false}), for F32, I32 and BOOL, at sizes from one
 * element to a million, against plain-Java folds.
 */
class TreeReductionPathsTest extends VulkanTestSupport {
    private static VulkanBackend sharedOnly;

    @BeforeAll
    static void sharedMemoryBackend() {
        System.setProperty(Gpu.SUBGROUPS_PROPERTY, "false");
        try {
            VulkanInstance.Discovery d = VulkanInstance.discover();
            sharedOnly = new VulkanBackend(DeviceSelection.order(d.devices(), null), d.physical(), Path.of("target", "spirv-cache"));
            assertFalse(sharedOnly.gpu(sharedOnly.defaultDevice()).subgroupReductions);
        } finally {
            System.clearProperty(Gpu.SUBGROUPS_PROPERTY);
        }
        System.out.println("[vulkan] subgroup reductions on " + B.deviceInfo(0).name() + ": " + B.gpu(B.defaultDevice()).subgroupReductions);
    }

    @AfterAll
    static void close() {
        if (sharedOnly != null) {
            sharedOnly.close();
        }
    }

    private static void check(VulkanBackend b, int n) {
        SplittableRandom r = new SplittableRandom(n);
        float[] f = new float[n];
        int[] i = new int[n];
        boolean[] z = new boolean[n];
        double sum = 0;
        float max = Float.NEGATIVE_INFINITY;
        long isum = 0;
        int imin = Integer.MAX_VALUE;
        boolean any = false;
        boolean all = true;
        for (int k = 0; k < n; k++) {
            f[k] = (float) r.nextDouble(-1, 1);
            i[k] = r.nextInt(-100, 100);
            z[k] = n < 100 ? r.nextBoolean() : k != n / 2;
            sum += f[k];
            max = Math.max(max, f[k]);
            isum += i[k];
            imin = Math.min(imin, i[k]);
            any |= z[k];
            all &= z[k];
        }
        TensorPrimitive tf = b.fromData(TensorData.of(f, Shape.of(n)), b.defaultDevice());
        TensorPrimitive ti = b.fromData(TensorData.of(i, Shape.of(n)), b.defaultDevice());
        TensorPrimitive tz = b.fromData(TensorData.of(z, Shape.of(n)), b.defaultDevice());
        TensorPrimitive[] results = {b.sum(tf), b.max(tf), b.sum(ti), b.min(ti), b.any(tz), b.all(tz)};
        String what = b.gpu(b.defaultDevice()).subgroupReductions ? "subgroups" : "shared memory";
        assertEquals(sum, b.toData(results[0]).toFloats()[0], 1e-6 * Math.max(1, Math.sqrt(n)), what + " sum of " + n);
        assertEquals(max, b.toData(results[1]).toFloats()[0], what + " max of " + n);
        assertEquals((int) isum, b.toData(results[2]).toInts()[0], what + " int sum of " + n);
        assertEquals(imin, b.toData(results[3]).toInts()[0], what + " int min of " + n);
        assertEquals(any, b.toData(results[4]).toBooleans()[0], what + " any of " + n);
        assertEquals(all, b.toData(results[5]).toBooleans()[0], what + " all of " + n);
        for (TensorPrimitive t : results) {
            t.release();
        }
        tf.release();
        ti.release();
        tz.release();
    }

    @Test
    void bothPathsAgreeWithTheReference() {
        for (int n : new int[] {1, 5, 256, 1000, 65_537, 1_000_000}) {
            check(B, n);
            check(sharedOnly, n);
        }
    }
}
