package dev.burnj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DatasetTest {
    private static final Dataset<Integer> TEN = Dataset.of(IntStream.range(0, 10).boxed().toList());

    @Test
    void mapIsLazyAndPerItem() {
        int[] calls = {0};
        Dataset<Integer> doubled = TEN.map(x -> {
            calls[0]++;
            return 2 * x;
        });
        assertEquals(0, calls[0]);
        assertEquals(14, doubled.get(7));
        assertEquals(1, calls[0]);
        assertEquals(10, doubled.size());
    }

    @Test
    void shuffledIsASeededPermutation() {
        List<Integer> a = TEN.shuffled(3).toList();
        assertEquals(a, TEN.shuffled(3).toList());
        assertNotEquals(a, TEN.shuffled(4).toList());
        List<Integer> sorted = new ArrayList<>(a);
        sorted.sort(null);
        assertEquals(TEN.toList(), sorted);
    }

    @Test
    void rangesAndSplits() {
        assertEquals(List.of(3, 4, 5), TEN.range(3, 6).toList());
        Split<Integer> split = TEN.split(0.8);
        assertEquals(8, split.train().size());
        assertEquals(List.of(8, 9), split.valid().toList());
        Split<Integer> held = TEN.holdOutLast(3);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), held.train().toList());
        assertEquals(List.of(7, 8, 9), held.valid().toList());
        assertThrows(IllegalArgumentException.class, () -> TEN.range(5, 11));
        assertThrows(IllegalArgumentException.class, () -> TEN.split(1.5));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> TEN.range(0, 3).get(3));
        assertTrue(e.getMessage().contains("index 3 out of range [0, 3)"), e.getMessage());
    }

    @Test
    void windows() {
        Dataset<List<Integer>> w = TEN.windows(4);
        assertEquals(7, w.size());
        assertEquals(List.of(6, 7, 8, 9), w.get(6));
        assertEquals(0, TEN.range(0, 2).windows(3).size());
    }

    @Test
    void concatSkipsEmptyParts() {
        Dataset<Integer> empty = Dataset.of(List.of());
        Dataset<Integer> all = Dataset.concat(empty, TEN.range(0, 2), empty, empty, TEN.range(5, 8), empty);
        assertEquals(List.of(0, 1, 5, 6, 7), all.toList());
    }

    @Test
    void samplerWithReplacementIsSeededAndInRange() {
        Dataset<Integer> s = Samplers.withReplacement(TEN, 1000, 7);
        assertEquals(s.toList(), Samplers.withReplacement(TEN, 1000, 7).toList());
        int[] counts = new int[10];
        s.toList().forEach(x -> counts[x]++);
        // 100 expected per value; 5 sigma is about 47.
        for (int c : counts) {
            assertTrue(c > 50 && c < 150, Arrays.toString(counts));
        }
    }

    @Test
    void samplerWithoutReplacementExhaustsBeforeRepeating() {
        List<Integer> s = Samplers.withoutReplacement(TEN, 25, 1).toList();
        for (int round = 0; round < 2; round++) {
            List<Integer> part = new ArrayList<>(s.subList(10 * round, 10 * round + 10));
            part.sort(null);
            assertEquals(TEN.toList(), part);
        }
        assertEquals(5, s.subList(20, 25).stream().distinct().count());
    }

    @Test
    void weightedSamplerFollowsWeightsAndNeverPicksZeroWeights() {
        double[] weights = {0, 1, 0, 3, 0, 0, 0, 0, 0, 0};
        int[] counts = new int[10];
        Samplers.weighted(TEN, weights, 4000, 5).toList().forEach(x -> counts[x]++);
        assertEquals(4000, counts[1] + counts[3], Arrays.toString(counts));
        // Expected 1000 of item 1; the standard deviation is about 27.
        assertTrue(Math.abs(counts[1] - 1000) < 150, Arrays.toString(counts));
        assertThrows(IllegalArgumentException.class, () -> Samplers.weighted(TEN, new double[10], 5, 1));
        assertThrows(IllegalArgumentException.class, () -> Samplers.weighted(TEN, new double[3], 5, 1));
    }

    @Test
    void itemRandomIsPhiloxOfSeedEpochAndIndex() {
        long seed = 0x1234_5678_9ABCL;
        ItemRandom r = ItemRandom.of(seed, 3, 42);
        int[] block0 = dev.burnj.random.Philox.block(0, 3, 42, 0, (int) seed, (int) (seed >>> 32));
        int[] block1 = dev.burnj.random.Philox.block(1, 3, 42, 0, (int) seed, (int) (seed >>> 32));
        int[] drawn = new int[8];
        for (int i = 0; i < 8; i++) {
            drawn[i] = r.nextInt();
        }
        int[] expected = IntStream.concat(Arrays.stream(block0), Arrays.stream(block1)).toArray();
        assertArrayEquals(expected, drawn);
        assertNotEquals(ItemRandom.of(seed, 3, 43).nextInt(), ItemRandom.of(seed, 3, 42).nextInt());
        assertNotEquals(ItemRandom.of(seed, 4, 42).nextInt(), ItemRandom.of(seed, 3, 42).nextInt());
    }

    @Test
    void boundedIntsAreUniform() {
        ItemRandom r = ItemRandom.of(9, 0, 0);
        int[] counts = new int[7];
        for (int i = 0; i < 7000; i++) {
            counts[r.nextInt(7)]++;
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - 1000) < 160, Arrays.toString(counts));
        }
    }
}
