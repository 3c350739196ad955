package dev.burnj.record;

import dev.burnj.nn.Buffer;
import dev.burnj.nn.Module;
import dev.burnj.nn.StateTensor;
import dev.burnj.tensor.DType;
import dev.burnj.tensor.FloatTensor;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.TensorData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Saves a module's parameters and buffers to a safetensors file and loads them back, keyed by the hierarchical names
 * of {@link Module#namedState()} — the names PyTorch uses in a {@code state_dict}, so files can cross frameworks.
 * Saving replaces the file atomically; loading puts each tensor on the module's device in the module's dtype.
 *
 * <p>PyTorch holds some state as integers where burnj holds floats (BatchNorm's {@code num_batches_tracked} is an
 * int64 scalar there, a one-element float buffer here). So that both frameworks' files load strictly into either:
 * {@linkplain Buffer#isCounter() counter buffers} are saved as PyTorch stores them, an I64 tensor of shape
 * {@code []}; and loading accepts, for a float state, an integer (I64 or I32, never BOOL) file tensor whose values the
 * state's dtype represents exactly (anything else is a mismatch), and a rank-0 file tensor for a state of shape
 * {@code [1]}. Nothing else is converted.
 */
public final class ModuleRecord {
    private ModuleRecord() {}

    /** Saves {@code module} to {@code file}, each tensor in its own dtype. */
    public static void save(Module module, Path file) throws IOException {
        save(module, file, SaveOptions.defaults());
    }

    /** Saves {@code module} to {@code file}; a crash or failure part-way leaves any previous file intact. */
    public static void save(Module module, Path file, SaveOptions options) throws IOException {
        List<PendingTensor> pending = new ArrayList<>();
        for (Map.Entry<String, StateTensor<?>> e : module.namedState().entrySet()) {
            StateTensor<?> state = e.getValue();
            if (state instanceof Buffer<?> buffer && buffer.isCounter()) {
                pending.add(new PendingTensor(e.getKey(), Shape.of(), DType.I64, DType.I64, () -> countData(e.getKey(), buffer)));
                continue;
            }
            DType own = state.value().dtype();
            // Host data exists only in F32 and F64; other float dtypes travel as F32, which holds them exactly.
            DType source = own == DType.F64 ? DType.F64 : DType.F32;
            DType stored = options.floatDType().orElse(own);
            pending.add(new PendingTensor(e.getKey(), state.shape(), source, stored, () -> hostData(state.value(), source)));
        }
        SafeTensors.write(file, pending, options.metadata());
    }

    /** Loads {@code file} into {@code module} strictly; see {@link LoadOptions#strict()}. */
    public static LoadReport load(Module module, Path file) throws IOException {
        return load(module, file, LoadOptions.strict());
    }

    /**
     * Loads {@code file} into {@code module}. Strict loading throws {@link RecordMismatchException} listing every
     * problem, before changing anything; lenient loading loads what matches and returns the report.
     */
    public static LoadReport load(Module module, Path file, LoadOptions options) throws IOException {
        try (SafeTensorsReader reader = SafeTensorsReader.open(file)) {
            Map<String, StateTensor<?>> state = module.namedState();
            Map<String, TensorEntry> matched = new LinkedHashMap<>();
            Map<String, String> sourceName = new LinkedHashMap<>();
            Set<String> ambiguous = new HashSet<>();
            List<String> unexpected = new ArrayList<>();
            List<LoadReport.Mismatch> mismatches = new ArrayList<>();
            for (TensorEntry entry : reader.entries()) {
                String key = options.keyMapping().apply(entry.name());
                if (!state.containsKey(key)) {
                    unexpected.add(key);
                } else if (sourceName.containsKey(key)) {
                    ambiguous.add(key);
                    mismatches.add(new LoadReport.Mismatch(key, "file tensors '" + sourceName.get(key) + "' and '" + entry.name()
                            + "' both map to this name"));
                } else {
                    sourceName.put(key, entry.name());
                    matched.put(key, entry);
                }
            }
            matched.keySet().removeAll(ambiguous);
            List<String> missing = new ArrayList<>();
            // Integer tensors are read while checking, since whether they convert exactly depends on their values.
            Map<String, TensorData> integers = new LinkedHashMap<>();
            for (Map.Entry<String, StateTensor<?>> e : state.entrySet()) {
                String key = e.getKey();
                TensorEntry entry = matched.get(key);
                if (entry == null) {
                    if (!ambiguous.contains(key)) {
                        missing.add(key);
                    }
                    continue;
                }
                Shape shape = e.getValue().shape();
                String problem = null;
                if (entry.dtype().isBool() || !(entry.shape().equals(shape) || entry.shape().rank() == 0 && shape.equals(Shape.of(1)))) {
                    problem = "expected a float or integer tensor of shape " + shape + (shape.equals(Shape.of(1)) ? " or []" : "")
                            + ", found " + entry.dtype() + " " + entry.shape();
                } else if (entry.dtype().isInt()) {
                    TensorData data = reader.read(entry.name());
                    problem = inexact(data, e.getValue().value().dtype());
                    integers.put(key, data.convert(DType.F64));
                }
                if (problem != null) {
                    mismatches.add(new LoadReport.Mismatch(key, problem));
                    matched.remove(key);
                }
            }
            LoadReport report = new LoadReport(List.copyOf(matched.keySet()), missing, unexpected, mismatches);
            if (options.isStrict() && !report.isComplete()) {
                throw new RecordMismatchException(file, report);
            }
            for (Map.Entry<String, TensorEntry> m : matched.entrySet()) {
                TensorData integer = integers.get(m.getKey());
                assign(state.get(m.getKey()), integer != null ? integer : reader.read(m.getValue().name()));
            }
            return report;
        }
    }

    /** Null if every value of the integer {@code data} converts to {@code target} exactly, else what does not. */
    private static String inexact(TensorData data, DType target) {
        long[] values = data.toLongs();
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            // (double) v rounds; it is exact iff it converts back to v (2^63 is the one value outside the long range).
            double d = v;
            double rounded = switch (target) {
                case F64 -> d;
                case F16 -> Float16.toFloat(Float16.fromDouble(d));
                case BF16 -> BFloat16.toFloat(BFloat16.fromDouble(d));
                default -> (float) d;
            };
            if (rounded == 0x1p63 || (long) rounded != v) {
                return "the " + data.dtype() + " value " + v + " at element " + i + " is not exactly representable in " + target;
            }
        }
        return null;
    }

    /** A counter buffer's value as an I64 scalar; it must be a whole number. */
    private static TensorData countData(String name, Buffer<?> buffer) {
        double value = buffer.value().toData().getDouble(0);
        if (value != Math.rint(value) || Math.abs(value) >= 0x1p63) {
            throw new IllegalStateException("save: counter buffer '" + name + "' holds " + value + ", not a whole number");
        }
        return TensorData.of(new long[] {(long) value}, Shape.of());
    }

    private static TensorData hostData(FloatTensor<?, ?, ?> value, DType source) {
        if (value.dtype() == source) {
            return value.toData();
        }
        try (FloatTensor<?, ?, ?> widened = value.cast(source)) {
            return widened.toData();
        }
    }

    /** Replaces the state tensor with {@code data}, on the state's device and in its dtype. */
    private static <T extends FloatTensor<T, ?, ?>> void assign(StateTensor<T> state, TensorData data) {
        T current = state.value();
        DType target = current.dtype();
        // F32 and F64 convert on the host, which is cheaper than a device cast; other dtypes only exist on devices.
        TensorData host = target == DType.F32 || target == DType.F64 ? data.convert(target) : data;
        try (Tensor1 flat = Tensor1.from(host.reshape(Shape.of(host.size())), current.device())) {
            T shaped = flat.reshape(current.shape(), current.rankWitness());
            if (shaped.dtype() == target) {
                state.set(shaped);
            } else {
                try (shaped) {
                    state.set(shaped.cast(target));
                }
            }
        }
    }
}
