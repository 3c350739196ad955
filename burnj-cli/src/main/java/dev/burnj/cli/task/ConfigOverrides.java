package dev.burnj.cli.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The values that override a task's defaults, in the order they apply (later wins): a saved run's configuration, a
 * {@code --config} file, each {@code --set key=value}, then the typed flags. Immutable; {@link TaskConfigs#resolve}
 * applies them. Keys are the snake_case JSON keys of the config record; a dot reaches into a nested record
 * ({@code optimizer.beta1}).
 */
public final class ConfigOverrides {
    /** One source of values: a JSON object, or a single key (with {@code key} set) from {@code --set} or a flag. */
    record Layer(String source, String key, JsonNode values) {}

    private final List<Layer> layers;

    private ConfigOverrides(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    public static ConfigOverrides none() {
        return new ConfigOverrides(List.of());
    }

    /** These overrides then the JSON object {@code values}, reported as {@code source} in errors. */
    public ConfigOverrides withJson(String source, ObjectNode values) {
        return with(new Layer(Objects.requireNonNull(source, "source"), null, values.deepCopy()));
    }

    /** The JSON object {@code values} (a saved run's configuration) then these overrides. */
    public ConfigOverrides withBase(String source, ObjectNode values) {
        List<Layer> copy = new ArrayList<>();
        copy.add(new Layer(Objects.requireNonNull(source, "source"), null, values.deepCopy()));
        copy.addAll(layers);
        return new ConfigOverrides(copy);
    }

    /**
     * These overrides then the JSON object in {@code file} ({@code --config}).
     *
     * @throws ConfigException if the file cannot be read or does not hold a JSON object
     */
    public ConfigOverrides withFile(Path file) {
        String source = "--config " + file;
        JsonNode node;
        try {
            node = TaskConfigs.MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(source + ": no such file");
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read: " + e, e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ConfigException(source + ": expected a JSON object of hyper-parameters, found " + (node == null ? "nothing" : node.getNodeType()));
        }
        return withJson(source, object);
    }

    /**
     * These overrides then {@code assignment} of the form {@code key=value} ({@code --set}). The value is read as
     * JSON ({@code 3}, {@code 1e-3}, {@code true}, {@code [1,2]}) and otherwise, or when the key holds a string, as
     * text.
     *
     * @throws ConfigException if there is no {@code =} or no key
     */
    public ConfigOverrides withSet(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set " + assignment + ": expected key=value");
        }
        String key = assignment.substring(0, eq).trim();
        return with(new Layer("--set " + assignment, key, TaskConfigs.MAPPER.getNodeFactory().textNode(assignment.substring(eq + 1))));
    }

    /** These overrides then {@code key} set to {@code value} by the typed flag {@code option} (e.g. {@code --lr}). */
    public ConfigOverrides withFlag(String option, String key, Object value) {
        return with(new Layer(option + " " + value, key, TaskConfigs.MAPPER.valueToTree(value)));
    }

    List<Layer> layers() {
        return layers;
    }

    private ConfigOverrides with(Layer layer) {
        List<Layer> copy = new ArrayList<>(layers);
        copy.add(layer);
        return new ConfigOverrides(copy);
    }
}
