package dev.burnj.optim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.burnj.optim.lr.LrScheduler;
import dev.burnj.record.NamedTensors;
import dev.burnj.record.SafeTensors;
import dev.burnj.tensor.TensorData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves an optimizer's state — and optionally its learning-rate scheduler's — to a safetensors file and restores it,
 * for exact resume (PyTorch's {@code optimizer.state_dict()} and {@code scheduler.state_dict()}). State tensors are
 * stored as {@code <parameter name>/<key>} (e.g. {@code encoder.weight/exp_avg}) in their own dtype, so resuming is
 * bit-exact; step counters, group learning rates and momenta, the optimizer type and the scheduler state are JSON in
 * the header metadata (files without {@code group_momenta}, written before it was recorded, load with the configured
 * momenta). Saves replace the file atomically, and a load validates the whole file before changing the optimizer.
 */
public final class OptimizerRecord {
    static final String FORMAT = "burnj.optimizer";
    static final String VERSION = "1";
    private static final String FORMAT_KEY = "format";
    private static final String VERSION_KEY = "format_version";
    private static final String OPTIMIZER_KEY = "optimizer";
    private static final String GROUP_LRS_KEY = "group_lrs";
    private static final String GROUP_MOMENTA_KEY = "group_momenta";
    private static final String STEPS_KEY = "steps";
    private static final String SCHEDULER_KEY = "lr_scheduler";
    private static final String SCHEDULER_STATE_KEY = "lr_scheduler_state";

    // Scheduler state may hold infinities (a plateau scheduler's "best" before any metric): keep them numbers.
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private OptimizerRecord() {}

    /** Saves {@code optimizer}'s state to {@code file}. */
    public static void save(Optimizer optimizer, Path file) throws IOException {
        save(optimizer, null, file);
    }

    /** Saves {@code optimizer}'s and {@code scheduler}'s state (scheduler may be null) to {@code file}, atomically. */
    public static void save(Optimizer optimizer, LrScheduler scheduler, Path file) throws IOException {
        OptimizerState state = optimizer.exportState();
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        Map<String, Long> steps = new LinkedHashMap<>();
        state.params().forEach((name, data) -> {
            steps.put(name, data.step());
            data.tensors().forEach((key, tensor) -> {
                if (key.contains("/")) {
                    throw new IllegalStateException("optimizer state key '" + key + "' of '" + name + "' contains '/'");
                }
                tensors.put(name + "/" + key, tensor);
            });
        });
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT_KEY, FORMAT);
        metadata.put(VERSION_KEY, VERSION);
        metadata.put(OPTIMIZER_KEY, optimizer.getClass().getName());
        metadata.put(GROUP_LRS_KEY, json(state.groupLrs()));
        if (!state.groupMomenta().isEmpty()) {
            metadata.put(GROUP_MOMENTA_KEY, json(state.groupMomenta()));
        }
        metadata.put(STEPS_KEY, json(steps));
        if (scheduler != null) {
            metadata.put(SCHEDULER_KEY, scheduler.getClass().getName());
            metadata.put(SCHEDULER_STATE_KEY, json(scheduler.state()));
        }
        SafeTensors.write(file, NamedTensors.of(tensors, metadata));
    }

    /** Restores {@code optimizer}'s state from {@code file}; a scheduler state in the file is ignored. */
    public static void load(Optimizer optimizer, Path file) throws IOException {
        load(optimizer, null, file);
    }

    /**
     * Restores {@code optimizer}'s state, and {@code scheduler}'s unless it is null, from {@code file}. Everything is
     * checked first — record format, optimizer and scheduler type, group count, that every tensor belongs to a
     * parameter with a step count — so a file that does not fit throws {@link OptimizerRecordException} and changes
     * nothing. State tensors are uploaded on each parameter's device and dtype at its next update.
     */
    public static void load(Optimizer optimizer, LrScheduler scheduler, Path file) throws IOException {
        NamedTensors contents = SafeTensors.read(file);
        Map<String, String> metadata = contents.metadata();
        expect(file, metadata, FORMAT_KEY, FORMAT, "not an optimizer record");
        expect(file, metadata, VERSION_KEY, VERSION, "unsupported optimizer record version");
        expect(file, metadata, OPTIMIZER_KEY, optimizer.getClass().getName(), "the state of another optimizer type");
        List<Double> groupLrs = parse(file, metadata, GROUP_LRS_KEY, new TypeReference<List<Double>>() { });
        if (groupLrs.size() != optimizer.groupCount() || groupLrs.contains(null)) {
            throw new OptimizerRecordException(file, "expected " + optimizer.groupCount() + " parameter group learning rates, found "
                    + groupLrs);
        }
        List<Double> groupMomenta = metadata.containsKey(GROUP_MOMENTA_KEY)
                ? parse(file, metadata, GROUP_MOMENTA_KEY, new TypeReference<List<Double>>() { }) : List.of();
        if (!groupMomenta.isEmpty() && (!optimizer.hasMomentum() || groupMomenta.size() != optimizer.groupCount()
                || groupMomenta.contains(null))) {
            throw new OptimizerRecordException(file, "expected " + (optimizer.hasMomentum() ? optimizer.groupCount() + " parameter group momenta"
                    : "no group momenta for " + optimizer.getClass().getSimpleName()) + ", found " + groupMomenta);
        }
        Map<String, Long> steps = parse(file, metadata, STEPS_KEY, new TypeReference<LinkedHashMap<String, Long>>() { });
        Map<String, Map<String, TensorData>> tensorsByParam = new LinkedHashMap<>();
        steps.forEach((name, step) -> tensorsByParam.put(name, new LinkedHashMap<>()));
        for (Map.Entry<String, TensorData> e : contents.tensors().entrySet()) {
            int slash = e.getKey().lastIndexOf('/');
            Map<String, TensorData> forParam = slash < 0 ? null : tensorsByParam.get(e.getKey().substring(0, slash));
            if (forParam == null) {
                throw new OptimizerRecordException(file, "tensor '" + e.getKey() + "' is not '<parameter>/<key>' for a parameter listed in '"
                        + STEPS_KEY + "'");
            }
            forParam.put(e.getKey().substring(slash + 1), e.getValue());
        }
        Map<String, Object> schedulerState = null;
        if (scheduler != null) {
            expect(file, metadata, SCHEDULER_KEY, scheduler.getClass().getName(), "the state of another scheduler type");
            schedulerState = parse(file, metadata, SCHEDULER_STATE_KEY, new TypeReference<LinkedHashMap<String, Object>>() { });
        }
        Map<String, OptimizerState.ParamData> params = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : steps.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) {
                throw new OptimizerRecordException(file, "parameter '" + e.getKey() + "' has step count " + e.getValue());
            }
            params.put(e.getKey(), new OptimizerState.ParamData(e.getValue(), tensorsByParam.get(e.getKey())));
        }
        if (scheduler != null) {
            try {
                scheduler.loadState(schedulerState);
            } catch (RuntimeException bad) {
                throw new OptimizerRecordException(file, "the scheduler state does not fit " + scheduler.getClass().getSimpleName() + ": "
                        + bad.getMessage(), bad);
            }
        }
        optimizer.importState(new OptimizerState(groupLrs, groupMomenta, params));
    }

    private static void expect(Path file, Map<String, String> metadata, String key, String expected, String problem)
            throws OptimizerRecordException {
        String found = metadata.get(key);
        if (!expected.equals(found)) {
            throw new OptimizerRecordException(file, problem + ": expected " + key + " '" + expected + "', found "
                    + (found == null ? "none" : "'" + found + "'"));
        }
    }

    private static <T> T parse(Path file, Map<String, String> metadata, String key, TypeReference<T> type) throws OptimizerRecordException {
        String text = metadata.get(key);
        if (text == null) {
            throw new OptimizerRecordException(file, "the metadata has no '" + key + "'");
        }
        T value;
        try {
            value = JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new OptimizerRecordException(file, "metadata '" + key + "' is not valid JSON of the expected form: " + text, e);
        }
        if (value == null) {
            throw new OptimizerRecordException(file, "metadata '" + key + "' is null");
        }
        return value;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write optimizer state as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
