package dev.burnj.data.loader;

import dev.burnj.data.Dataset;
import dev.burnj.data.ItemRandom;
import dev.burnj.data.Permutations;
import dev.burnj.data.RandomMapper;
import dev.burnj.tensor.BaseTensor;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.TensorScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batches a dataset for training: each {@link #iterator()} walks the rest of the current epoch and the epoch
 * advances when its last batch has been handed out.
 *
 * <p>Determinism: epoch {@code e} visits the items in the order {@code Permutations.of(size, seed, e)} (or dataset
 * order), takes this rank's share, cuts it into batches, and runs each item through the augmentation with
 * {@code ItemRandom.of(seed, e, index)}. Nothing depends on which thread builds a batch, so the batches are
 * bit-identical for any number of workers and after {@link #restore}.
 *
 * <p>Threads: with {@code workers > 0} a pool of that many threads (named {@code <name>-worker-<k>}) builds batches
 * ahead, at most {@code workers * prefetch} in flight; they are handed out in order. A batch made on a worker is
 * handed to the innermost {@code TensorScope} of the thread that calls {@code next()}, exactly as if it had been
 * made there (with 0 workers it is). Batches prefetched but not consumed are freed when the iteration is abandoned
 * or the loader is closed; {@link #close()} returns only after every worker thread has ended.
 *
 * @param <I> the type of the items handed to the batcher
 * @param <B> the batch type
 */
public final class DataLoader<I, B extends TensorBatch> implements Iterable<B>, AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();

    /** How the loader reads item {@code index} in {@code epoch}: dataset access plus augmentation. */
    @FunctionalInterface
    private interface ItemSource<I> {
        I item(int index, int epoch);
    }

    private final ItemSource<I> source;
    private final int datasetSize;
    private final Batcher<I, B> batcher;
    private final DataLoaderConfig config;
    private final Device device;
    private final String name;
    private final ThreadPoolExecutor pool;
    /** The pool's threads, so that close() can wait until they have really ended, not only left the pool. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    private int epoch;
    private int position;
    private EpochIterator active;
    private boolean closed;

    private DataLoader(ItemSource<I> source, int datasetSize, Batcher<I, B> batcher, DataLoaderConfig config, Device device) {
        this.source = source;
        this.datasetSize = datasetSize;
        this.batcher = batcher;
        this.config = config;
        this.device = device;
        this.name = config.name() + "#" + IDS.incrementAndGet();
        this.pool = config.workers() == 0 ? null : newPool(config.workers(), name, threads);
    }

    /** A loader that batches {@code dataset} as it is. */
    public static <I, B extends TensorBatch> DataLoader<I, B> of(Dataset<I> dataset, Batcher<I, B> batcher, DataLoaderConfig config,
            Device device) {
        return new DataLoader<>((index, epoch) -> dataset.get(index), dataset.size(), batcher, config, device);
    }

    /** A loader that runs every item through {@code augmentation}, seeded by {@code (config.seed(), epoch, index)}. */
    public static <T, I, B extends TensorBatch> DataLoader<I, B> of(Dataset<T> dataset, RandomMapper<? super T, ? extends I> augmentation,
            Batcher<I, B> batcher, DataLoaderConfig config, Device device) {
        long seed = config.seed();
        return new DataLoader<>((index, epoch) -> augmentation.map(dataset.get(index), ItemRandom.of(seed, epoch, index)), dataset.size(),
                batcher, config, device);
    }

    public DataLoaderConfig config() {
        return config;
    }

    /** The name of this loader, the prefix of its worker threads' names. */
    public String name() {
        return name;
    }

    /** Items this rank reads per epoch: an equal share of the dataset (the remainder of {@code size / worldSize} is left out). */
    public int itemsPerEpoch() {
        return datasetSize / config.worldSize();
    }

    /** Batches per epoch (for progress bars). */
    public int numBatches() {
        int items = itemsPerEpoch();
        return config.dropLast() ? items / config.batchSize() : (items + config.batchSize() - 1) / config.batchSize();
    }

    /** The current epoch. */
    public synchronized int epoch() {
        return epoch;
    }

    /** The current position, for a checkpoint. */
    public synchronized LoaderState state() {
        return new LoaderState(epoch, position, config.seed(), config.shuffle(), datasetSize, config.batchSize(), config.dropLast(),
                config.rank(), config.worldSize());
    }

    /** Moves to a saved position; the next {@link #iterator()} continues from there. Abandons any iteration in progress. */
    public synchronized void restore(LoaderState state) {
        checkOpen();
        LoaderState mine = state();
        if (state.seed() != mine.seed() || state.shuffle() != mine.shuffle() || state.datasetSize() != mine.datasetSize()
                || state.batchSize() != mine.batchSize() || state.dropLast() != mine.dropLast() || state.rank() != mine.rank()
                || state.worldSize() != mine.worldSize()) {
            throw new IllegalArgumentException("DataLoader.restore: the state belongs to a different loader: expected one like " + mine
                    + " (any epoch/position), got " + state);
        }
        if (state.position() > numBatches()) {
            throw new IllegalArgumentException("DataLoader.restore: position " + state.position() + " is past the " + numBatches()
                    + " batches of an epoch");
        }
        abandonActive();
        epoch = state.epoch();
        position = state.position();
    }

    /**
     * The remaining batches of the current epoch. Starting a new iteration abandons the previous one (its prefetched
     * batches are freed).
     */
    @Override
    public synchronized Iterator<B> iterator() {
        checkOpen();
        abandonActive();
        if (position >= numBatches()) {
            // A restored state may sit at the end of an epoch: that epoch is done.
            epoch++;
            position = 0;
        }
        active = new EpochIterator(epoch, position);
        return active;
    }

    /** Frees prefetched batches and stops the worker threads, waiting until they have ended. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        abandonActive();
        if (pool != null) {
            pool.shutdownNow();
            boolean interrupted = false;
            while (!pool.isTerminated()) {
                try {
                    pool.awaitTermination(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            // A terminated pool's last worker may still be returning from its run loop.
            for (Thread t : threads) {
                while (t.isAlive()) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "DataLoader(" + name + ", " + datasetSize + " items, " + numBatches() + " batches of " + config.batchSize() + ")";
    }

    private void abandonActive() {
        if (active != null) {
            active.abandon();
            active = null;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(name + ": the data loader is closed");
        }
    }

    /** The dataset indices of this rank in {@code epoch}, in visiting order. */
    private int[] shardOrder(int epochNumber) {
        int[] order = config.shuffle() ? Permutations.of(datasetSize, config.seed(), epochNumber) : null;
        int share = itemsPerEpoch();
        int[] mine = new int[share];
        for (int k = 0; k < share; k++) {
            int slot = config.rank() + k * config.worldSize();
            mine[k] = order == null ? slot : order[slot];
        }
        return mine;
    }

    private B build(int epochNumber, int batch, int[] indices) {
        List<I> items = new ArrayList<>(indices.length);
        for (int index : indices) {
            try {
                items.add(source.item(index, epochNumber));
            } catch (RuntimeException | Error e) {
                throw new DataLoaderException(name + ": loading item " + index + " (epoch " + epochNumber + ", batch " + batch + ") failed: " + e,
                        index, e);
            }
        }
        try {
            return batcher.batch(items, device);
        } catch (RuntimeException | Error e) {
            throw new DataLoaderException(name + ": batching items " + indices[0] + ".. (epoch " + epochNumber + ", batch " + batch + ") failed: "
                    + e, -1, e);
        }
    }

    private static ThreadPoolExecutor newPool(int workers, String name, Set<Thread> threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, name + "-worker-" + count.getAndIncrement());
            thread.setDaemon(true);
            threads.removeIf(t -> !t.isAlive());
            threads.add(thread);
            return thread;
        });
        // Idle workers end on their own, so a loader that is dropped without close() does not keep threads forever.
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** One pass over the rest of an epoch. */
    private final class EpochIterator implements Iterator<B> {
        private final int epochNumber;
        private final int[] order;
        private final int batches;
        private final ArrayDeque<FutureTask<B>> inFlight = new ArrayDeque<>();
        private int next;
        private int submitted;
        private boolean abandoned;

        EpochIterator(int epochNumber, int start) {
            this.epochNumber = epochNumber;
            this.order = shardOrder(epochNumber);
            this.batches = numBatches();
            this.next = start;
            this.submitted = start;
            if (pool != null) {
                int limit = config.workers() * config.prefetch();
                while (submitted < batches && inFlight.size() < limit) {
                    submit();
                }
            }
        }

        @Override
        public boolean hasNext() {
            synchronized (DataLoader.this) {
                return !abandoned && next < batches;
            }
        }

        @Override
        public B next() {
            synchronized (DataLoader.this) {
                if (abandoned) {
                    throw new IllegalStateException(name + ": this iteration was abandoned (a new iterator, restore or close)");
                }
                if (next >= batches) {
                    throw new NoSuchElementException(name + ": epoch " + epochNumber + " has no more batches");
                }
                B batch;
                if (pool == null) {
                    batch = build(epochNumber, next, indicesOf(next));
                } else {
                    batch = await(inFlight.poll());
                    claim(batch);
                    if (submitted < batches) {
                        submit();
                    }
                }
                next++;
                position = next;
                if (next == batches) {
                    epoch = epochNumber + 1;
                    position = 0;
                }
                return batch;
            }
        }

        private int[] indicesOf(int batch) {
            int from = batch * config.batchSize();
            int to = Math.min(from + config.batchSize(), order.length);
            int[] indices = new int[to - from];
            System.arraycopy(order, from, indices, 0, indices.length);
            return indices;
        }

        private void submit() {
            int batch = submitted++;
            int[] indices = indicesOf(batch);
            FutureTask<B> task = new FutureTask<>(() -> build(epochNumber, batch, indices));
            inFlight.add(task);
            pool.execute(task);
        }

        /**
         * Drops the tasks still queued and frees the batches of the ones that started. Not {@code Future.cancel}: a
         * task cancelled while running would still build its batch, and the result would be lost unfreed.
         */
        void abandon() {
            abandoned = true;
            for (FutureTask<B> task : inFlight) {
                if (!pool.remove(task)) {
                    try {
                        awaitQuietly(task).close();
                    } catch (RuntimeException ignored) {
                        // A batch that failed to build holds nothing to free.
                    }
                }
            }
            inFlight.clear();
        }

        private B awaitQuietly(Future<B> future) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return future.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        throw new IllegalStateException(e);
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private B await(Future<B> future) {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DataLoaderException(name + ": interrupted while waiting for a batch", -1, e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                int index = cause instanceof DataLoaderException d ? d.itemIndex() : -1;
                // The failed batch is gone; drop the rest so that a retry starts cleanly from the current position.
                abandon();
                active = null;
                throw new DataLoaderException(cause.getMessage(), index, cause);
            }
        }

        private void claim(B batch) {
            for (BaseTensor<?, ?, ?, ?> tensor : batch.tensors()) {
                TensorScope.claim(tensor);
            }
        }
    }
}
