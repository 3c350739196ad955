package dev.burnj.tensor;

import dev.burnj.random.Generator;
import java.util.Objects;

/**
 * Where and how a factory creates a tensor: device, dtype, and random generator. Immutable; unset fields fall
 * back to {@link Device#defaultDevice()}, the kind's default dtype, and {@link Generator#global()}.
 *
 * <pre>{@code Tensor2.randn(Shape.of(64, 784), TensorOptions.on(device).withDType(DType.F64))}</pre>
 */
public final class TensorOptions {
    private static final TensorOptions DEFAULTS = new TensorOptions(null, null, null);

    private final Device device;
    private final DType dtype;
    private final Generator generator;

    private TensorOptions(Device device, DType dtype, Generator generator) {
        this.device = device;
        this.dtype = dtype;
        this.generator = generator;
    }

    /** Default device, default dtype, global generator. */
    public static TensorOptions defaults() {
        return DEFAULTS;
    }

    /** Defaults on {@code device}. */
    public static TensorOptions on(Device device) {
        return new TensorOptions(Objects.requireNonNull(device), null, null);
    }

    public TensorOptions withDevice(Device newDevice) {
        return new TensorOptions(Objects.requireNonNull(newDevice), dtype, generator);
    }

    public TensorOptions withDType(DType newDType) {
        return new TensorOptions(device, Objects.requireNonNull(newDType), generator);
    }

    public TensorOptions withGenerator(Generator newGenerator) {
        return new TensorOptions(device, dtype, Objects.requireNonNull(newGenerator));
    }

    /** The device, resolving the default lazily so that no backend starts before a tensor is made. */
    public Device device() {
        return device != null ? device : Device.defaultDevice();
    }

    /** The dtype for a tensor of {@code kind}: the configured one, or the kind's default. */
    public DType dtype(Kind kind) {
        if (dtype != null) {
            if (dtype.kind() != kind) {
                throw new IllegalArgumentException("dtype " + dtype + " is not a " + kind + " dtype");
            }
            return dtype;
        }
        return switch (kind) {
            case FLOAT -> DType.defaultFloat();
            case INT -> DType.defaultInt();
            case BOOL -> DType.BOOL;
        };
    }

    public Generator generator() {
        return generator != null ? generator : Generator.global();
    }

    @Override
    public String toString() {
        return "TensorOptions[device=" + (device == null ? "default" : device) + ", dtype=" + (dtype == null ? "default" : dtype)
                + ", generator=" + (generator == null ? "global" : "seed " + generator.seed()) + "]";
    }
}
