package dev.burnj.backend.cpu;

import dev.burnj.backend.Distribution;
import dev.burnj.backend.MemoryCounter;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.Device;
import dev.burnj.tensor.Shape;

/** SKELETON: PhiloxSampler. */
final class PhiloxSampler {
    private final MemoryCounter counter;

    PhiloxSampler(MemoryCounter counter) {
        this.counter = counter;
    }

    CpuTensor sample(Shape shape, Distribution distribution, long seed, long offset, DType dtype, Device device) {
        throw NotYet.op("sample");
    }
}
