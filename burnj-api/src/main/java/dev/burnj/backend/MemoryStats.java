package dev.burnj.backend;

/** Snapshot of a backend's live tensor memory; -1 where the backend does not know. */
public record MemoryStats(long liveTensors, long liveBytes) {
    public static final MemoryStats UNKNOWN = new MemoryStats(-1, -1);
}
