package dev.burnj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burnj.backend.Distribution;
import dev.burnj.random.Philox;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Philox 4x32-10 generator itself, against the known-answer vectors published with Random123
 * (Salmon et al., SC'11), and the sampling formulas its javadoc specifies. Needs no backend.
 */
class PhiloxTest {
    private static void assertBlock(int[] counter, int[] key, int[] expected) {
        int[] actual = Philox.block(counter[0], counter[1], counter[2], counter[3], key[0], key[1]);
        assertArrayEquals(expected, actual, () -> String.format("philox4x32-10 counter %s key %s: expected %s, got %s", hex(counter),
                hex(key), hex(expected), hex(actual)));
    }

    private static String hex(int[] words) {
        StringBuilder sb = new StringBuilder("[");
        for (int w : words) {
            sb.append(sb.length() > 1 ? " " : "").append(String.format("0x%08x", w));
        }
        return sb.append(']').toString();
    }

    @Test
    void zeroCounterZeroKey() {
        assertBlock(new int[] {0, 0, 0, 0}, new int[] {0, 0}, new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
    }

    @Test
    void allOnes() {
        assertBlock(new int[] {-1, -1, -1, -1}, new int[] {-1, -1}, new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
    }

    @Test
    void digitsOfPi() {
        assertBlock(new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, new int[] {0xa4093822, 0x299f31d0},
                new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
    }

    /** Element p of stream s uses counter (lo p, hi p, 0, 0) and key (lo s, hi s), mapped by u = (x + 0.5) / 2^32. */
    @Test
    void samplingFollowsTheDocumentedFormulas() {
        long seed = 0x0123_4567_89AB_CDEFL;
        long position = (3L << 32) + 17;
        int[] x = Philox.block((int) position, (int) (position >>> 32), 0, 0, (int) seed, (int) (seed >>> 32));
        double u0 = ((x[0] & 0xFFFFFFFFL) + 0.5) / 4294967296.0;
        double u1 = ((x[1] & 0xFFFFFFFFL) + 0.5) / 4294967296.0;
        assertEquals(-2 + 5 * u0, Philox.sample(new Distribution.Uniform(-2, 3), seed, position), 0.0, "uniform");
        assertEquals(1 + 3 * Math.sqrt(-2 * Math.log(u0)) * Math.cos(2 * Math.PI * u1), Philox.sample(new Distribution.Normal(1, 3),
                seed, position),
                0.0, "normal (Box-Muller)");
        assertEquals(u0 < 0.4 ? 1.0 : 0.0, Philox.sample(new Distribution.Bernoulli(0.4), seed, position), 0.0, "bernoulli");
        double[] run = Philox.samples(new Distribution.Uniform(0, 1), seed, position - 2, 4);
        assertEquals(u0, run[2], 0.0, "samples(offset) continues the stream at offset + i");
    }

    /**
     * {@code fill}, which computes many positions at once, gives each element exactly its own block's value: across
     * the batches it works in, from an offset into the output array, and across a carry into the counter's high word.
     */
    @Test
    void fillGivesEveryPositionItsOwnBlock() {
        long seed = 0x7654_3210_FEDC_BA98L;
        List<Distribution> dists = List.of(new Distribution.Uniform(-2, 3), new Distribution.Normal(1, 3), new Distribution.Bernoulli(0.4),
                new Distribution.Bernoulli(0), new Distribution.Bernoulli(1));
        for (long start : new long[] {0, (1L << 32) - 1500, 987_654_321L}) {
            for (Distribution d : dists) {
                int count = 3000;
                double[] out = new double[count + 7];
                Philox.fill(d, seed, start, out, 7, count);
                for (int i = 0; i < count; i++) {
                    long p = start + i;
                    int[] x = Philox.block((int) p, (int) (p >>> 32), 0, 0, (int) seed, (int) (seed >>> 32));
                    double u0 = ((x[0] & 0xFFFFFFFFL) + 0.5) / 4294967296.0;
                    double u1 = ((x[1] & 0xFFFFFFFFL) + 0.5) / 4294967296.0;
                    double expected = d instanceof Distribution.Uniform ? -2 + 5 * u0
                            : d instanceof Distribution.Normal ? 1 + 3 * Math.sqrt(-2 * Math.log(u0)) * Math.cos(2 * Math.PI * u1)
                            : u0 < ((Distribution.Bernoulli) d).p() ? 1.0 : 0.0;
                    assertEquals(expected, out[7 + i], 0.0, d + " at position " + p);
                }
            }
        }
    }
}
