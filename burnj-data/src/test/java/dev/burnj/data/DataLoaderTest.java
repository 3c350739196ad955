package dev.burnj.data;

import static dev.burnj.data.Images.CPU;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.data.loader.Batcher;
import dev.burnj.data.loader.ClassificationBatch;
import dev.burnj.data.loader.DataLoader;
import dev.burnj.data.loader.DataLoaderConfig;
import dev.burnj.data.loader.DataLoaderException;
import dev.burnj.data.loader.ImageBatcher;
import dev.burnj.data.loader.LoaderState;
import dev.burnj.data.transform.RandomCrop;
import dev.burnj.data.transform.RandomHorizontalFlip;
import dev.burnj.tensor.Tensor4;
import dev.burnj.tensor.TensorScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataLoaderTest {
    private static final Dataset<LabeledImage> DATA = Images.synthetic(203, 3, 8, 8);
    private static final RandomMapper<LabeledImage, LabeledImage> AUGMENT = RandomHorizontalFlip.of(0.5).andThen(RandomCrop.of(8, 8, 2));

    /** Host copies of one batch: pixels and targets. */
    private record HostBatch(float[] inputs, long[] targets) {
        static HostBatch of(ClassificationBatch<Tensor4> batch) {
            return new HostBatch(batch.inputs().toData().toFloats(), (long[]) batch.targets().toData().values());
        }
    }

    private static DataLoader<LabeledImage, ClassificationBatch<Tensor4>> loader(DataLoaderConfig config) {
        return DataLoader.of(DATA, AUGMENT, ImageBatcher.nchw(), config, CPU);
    }

    private static DataLoaderConfig config(int workers) {
        return DataLoaderConfig.of(16).withShuffle(11).withWorkers(workers).withName("test-loader-w" + workers);
    }

    /** Consumes the rest of the current epoch, freeing each batch. */
    private static List<HostBatch> drain(Iterator<ClassificationBatch<Tensor4>> it, int limit) {
        List<HostBatch> out = new ArrayList<>();
        while (it.hasNext() && out.size() < limit) {
            try (ClassificationBatch<Tensor4> batch = it.next()) {
                out.add(HostBatch.of(batch));
            }
        }
        return out;
    }

    private static List<HostBatch> epoch(DataLoader<LabeledImage, ClassificationBatch<Tensor4>> loader) {
        return drain(loader.iterator(), Integer.MAX_VALUE);
    }

    private static void assertSame(List<HostBatch> expected, List<HostBatch> actual) {
        assertEquals(expected.size(), actual.size(), "batches");
        for (int b = 0; b < expected.size(); b++) {
            assertArrayEquals(expected.get(b).inputs(), actual.get(b).inputs(), "inputs of batch " + b);
            assertArrayEquals(expected.get(b).targets(), actual.get(b).targets(), "targets of batch " + b);
        }
    }

    private static List<List<HostBatch>> twoEpochs(int workers) {
        try (var loader = loader(config(workers))) {
            return List.of(epoch(loader), epoch(loader));
        }
    }

    @Test
    void batchesAreBitIdenticalForAnyNumberOfWorkers() {
        List<List<HostBatch>> reference = twoEpochs(0);
        assertEquals(13, reference.get(0).size());
        assertEquals(203 - 12 * 16, reference.get(0).get(12).targets().length);
        for (int workers : new int[] {1, 2, 4}) {
            List<List<HostBatch>> got = twoEpochs(workers);
            assertSame(reference.get(0), got.get(0));
            assertSame(reference.get(1), got.get(1));
        }
        // A new epoch is a new order and new augmentations.
        assertFalse(Arrays.equals(reference.get(0).get(0).inputs(), reference.get(1).get(0).inputs()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 4})
    void restoreMidEpochContinuesBitIdentically(int workers) {
        List<HostBatch> reference;
        List<HostBatch> nextEpoch;
        try (var loader = loader(config(0))) {
            epoch(loader);
            reference = epoch(loader);
            nextEpoch = epoch(loader);
        }
        String json;
        List<HostBatch> first;
        try (var loader = loader(config(workers))) {
            epoch(loader);
            first = drain(loader.iterator(), 5);
            LoaderState state = loader.state();
            assertEquals(new LoaderState(1, 5, 11, true, 203, 16, false, 0, 1), state);
            json = state.toJson();
        }
        try (var loader = loader(config(workers))) {
            loader.restore(LoaderState.fromJson(json));
            List<HostBatch> rest = epoch(loader);
            List<HostBatch> whole = new ArrayList<>(first);
            whole.addAll(rest);
            assertSame(reference, whole);
            assertEquals(2, loader.epoch());
            assertSame(nextEpoch, epoch(loader));
        }
    }

    @Test
    void everyItemOncePerEpochInANewOrder() {
        try (var loader = DataLoader.of(DATA, ImageBatcher.flat(), DataLoaderConfig.of(10).withShuffle(3).withWorkers(2), CPU)) {
            assertEquals(21, loader.numBatches());
            List<Long> firstOrder = null;
            for (int e = 0; e < 2; e++) {
                List<Long> seen = new ArrayList<>();
                for (var batch : loader) {
                    try (batch) {
                        float[] x = batch.inputs().toData().toFloats();
                        for (int i = 0; i < batch.inputs().dim(0); i++) {
                            seen.add((long) x[i * 192]);
                        }
                    }
                }
                assertEquals(203, new HashSet<>(seen).size());
                assertEquals(203, seen.size());
                if (firstOrder == null) {
                    firstOrder = seen;
                } else {
                    assertNotEquals(firstOrder, seen);
                }
            }
        }
    }

    @Test
    void dropLastAndShardsAreEqualAndDisjoint() {
        Set<Long> union = new HashSet<>();
        for (int rank = 0; rank < 3; rank++) {
            DataLoaderConfig config = DataLoaderConfig.of(16).withShuffle(5).withDropLast(true).withShard(rank, 3);
            try (var loader = DataLoader.of(DATA, ImageBatcher.flat(), config, CPU)) {
                assertEquals(67, loader.itemsPerEpoch());
                assertEquals(4, loader.numBatches());
                int items = 0;
                for (var batch : loader) {
                    try (batch) {
                        assertEquals(16, batch.inputs().dim(0));
                        float[] x = batch.inputs().toData().toFloats();
                        for (int i = 0; i < 16; i++) {
                            assertTrue(union.add((long) x[i * 192]), "item seen by two ranks");
                        }
                        items += 16;
                    }
                }
                assertEquals(64, items);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void aFailingItemSurfacesOnTheConsumerWithItsIndex(int workers) {
        Dataset<LabeledImage> broken = DATA.map(image -> {
            if (image.pixels()[0] == 37f) {
                throw new IllegalStateException("bad item");
            }
            return image;
        });
        try (var loader = DataLoader.of(broken, ImageBatcher.flat(), DataLoaderConfig.of(8).withWorkers(workers), CPU)) {
            Iterator<ClassificationBatch<dev.burnj.tensor.Tensor2>> it = loader.iterator();
            for (int b = 0; b < 4; b++) {
                it.next().close();
            }
            DataLoaderException e = assertThrows(DataLoaderException.class, it::next);
            assertEquals(37, e.itemIndex());
            assertTrue(e.getMessage().contains("item 37") && e.getMessage().contains("bad item"), e.getMessage());
            assertEquals(4, loader.state().position());
        }
    }

    @Test
    void closeStopsEveryWorkerAndFreesPrefetchedBatches() throws InterruptedException {
        ConcurrentLinkedQueue<ClassificationBatch<dev.burnj.tensor.Tensor2>> made = new ConcurrentLinkedQueue<>();
        Batcher<LabeledImage, ClassificationBatch<dev.burnj.tensor.Tensor2>> recording = (items, device) -> {
            var batch = ImageBatcher.flat().batch(items, device);
            made.add(batch);
            return batch;
        };
        String name = "close-test-loader";
        var loader = DataLoader.of(DATA, recording, DataLoaderConfig.of(4).withWorkers(3).withPrefetch(2).withName(name), CPU);
        var it = loader.iterator();
        var consumed = it.next();
        // Wait until the workers have filled the prefetch window (3 workers x 2 in flight).
        for (int i = 0; i < 200 && made.size() < 7; i++) {
            Thread.sleep(10);
        }
        assertEquals(7, made.size(), "one consumed + 6 prefetched, bounded by workers * prefetch");
        assertTrue(liveThreads(name) > 0);
        loader.close();
        assertEquals(0, liveThreads(name), "no worker thread outlives close()");
        for (var batch : made) {
            if (batch != consumed) {
                assertTrue(batch.inputs().isClosed() && batch.targets().isClosed(), "a prefetched batch was not freed");
            }
        }
        assertFalse(consumed.inputs().isClosed(), "the consumer owns the batch it took");
        consumed.close();
        assertThrows(IllegalStateException.class, loader::iterator);
    }

    @Test
    void batchesStillBeingBuiltAtCloseAreFreedToo() throws InterruptedException {
        ConcurrentLinkedQueue<ClassificationBatch<dev.burnj.tensor.Tensor2>> made = new ConcurrentLinkedQueue<>();
        java.util.concurrent.CountDownLatch building = new java.util.concurrent.CountDownLatch(2);
        Batcher<LabeledImage, ClassificationBatch<dev.burnj.tensor.Tensor2>> slow = (items, device) -> {
            var batch = ImageBatcher.flat().batch(items, device);
            made.add(batch);
            building.countDown();
            try {
                // Still "running" when the loader closes.
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return batch;
        };
        var loader = DataLoader.of(DATA, slow, DataLoaderConfig.of(4).withWorkers(2).withPrefetch(3).withName("slow-loader"), CPU);
        loader.iterator();
        assertTrue(building.await(10, java.util.concurrent.TimeUnit.SECONDS));
        loader.close();
        assertEquals(0, liveThreads("slow-loader"));
        assertFalse(made.isEmpty());
        for (var batch : made) {
            assertTrue(batch.inputs().isClosed() && batch.targets().isClosed(), "a batch built during close() was not freed");
        }
    }

    @Test
    void aBatchFromAWorkerBelongsToTheConsumersScope() {
        try (var loader = DataLoader.of(DATA, ImageBatcher.flat(), DataLoaderConfig.of(4).withWorkers(2), CPU)) {
            var it = loader.iterator();
            ClassificationBatch<dev.burnj.tensor.Tensor2> batch;
            try (TensorScope scope = TensorScope.open()) {
                batch = it.next();
                assertEquals(2, scope.size());
            }
            assertTrue(batch.inputs().isClosed() && batch.targets().isClosed());
        }
    }

    @Test
    void restoreRejectsAStateOfAnotherLoader() {
        try (var loader = loader(config(0))) {
            LoaderState other = new LoaderState(0, 3, 11, true, 203, 32, false, 0, 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loader.restore(other));
            assertTrue(e.getMessage().contains("different loader"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> loader.restore(new LoaderState(0, 14, 11, true, 203, 16, false, 0, 1)));
        }
    }

    @Test
    void configRoundTripsThroughJsonAndValidates() {
        DataLoaderConfig config = DataLoaderConfig.of(64).withShuffle(9).withWorkers(2).withDropLast(true).withShard(1, 4);
        assertEquals(config, DataLoaderConfig.fromJson(config.toJson()));
        assertThrows(IllegalArgumentException.class, () -> DataLoaderConfig.of(0));
        assertThrows(IllegalArgumentException.class, () -> DataLoaderConfig.of(8).withShard(4, 4));
    }

    private static long liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }
}
