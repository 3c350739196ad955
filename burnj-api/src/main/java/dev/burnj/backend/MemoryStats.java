package dev.burnj.backend;

/**
 * Snapshot of a backend's tensor memory: live tensors, the bytes their buffers hold, and the bytes the backend keeps
 * in its reuse pool (freed buffers waiting to serve a later allocation of the same size). -1 where unknown.
 */
public record MemoryStats(long liveTensors, long liveBytes, long pooledBytes) {
    public static final MemoryStats UNKNOWN = new MemoryStats(-1, -1, -1);
}
