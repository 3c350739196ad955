package dev.burnj.cli.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@link TaskConfig}s as JSON (snake_case keys) and applies {@link ConfigOverrides} to defaults, with
 * an error that names the source and the key for an unknown key, a value of the wrong type, or a value the config's
 * constructor rejects.
 */
public final class TaskConfigs {
    // Strict on purpose: 2.5 for an int, null for a number or trailing text is a mistake to report, not to round.
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private TaskConfigs() {}

    /** {@code config} as a JSON object. */
    public static ObjectNode toTree(TaskConfig config) {
        return MAPPER.valueToTree(config);
    }

    /** {@code config} as indented JSON. */
    public static String toJson(TaskConfig config) {
        return toTree(config).toPrettyString();
    }

    /** The keys of {@code config}, dotted for nested records, in declaration order. */
    public static List<String> keys(TaskConfig config) {
        List<String> out = new ArrayList<>();
        collectKeys("", toTree(config), out);
        return out;
    }

    /**
     * {@code defaults} of task {@code task} with {@code overrides} applied in order.
     *
     * @throws ConfigException naming the override that failed
     */
    public static <C extends TaskConfig> C resolve(String task, C defaults, ConfigOverrides overrides) {
        @SuppressWarnings("unchecked")
        Class<C> type = (Class<C>) defaults.getClass();
        ObjectNode schema = toTree(defaults);
        ObjectNode tree = schema.deepCopy();
        C config = defaults;
        for (ConfigOverrides.Layer layer : overrides.layers()) {
            if (layer.key() == null) {
                merge(task, layer.source(), "", schema, tree, (ObjectNode) layer.values());
            } else {
                set(task, layer, schema, tree);
            }
            config = convert(layer.source(), tree, type);
        }
        return config;
    }

    private static void merge(String task, String source, String prefix, ObjectNode schema, ObjectNode target, ObjectNode values) {
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            JsonNode expected = schema.get(e.getKey());
            if (expected == null) {
                throw unknownKey(task, source, key, schema, prefix);
            }
            if (expected instanceof ObjectNode nestedSchema && e.getValue() instanceof ObjectNode nested) {
                merge(task, source, key + ".", nestedSchema, (ObjectNode) target.get(e.getKey()), nested);
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void set(String task, ConfigOverrides.Layer layer, ObjectNode schema, ObjectNode tree) {
        String[] parts = layer.key().split("\\.", -1);
        ObjectNode s = schema;
        ObjectNode t = tree;
        String prefix = "";
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(s.get(parts[i]) instanceof ObjectNode nested)) {
                throw unknownKey(task, layer.source(), layer.key(), s, prefix);
            }
            s = nested;
            t = (ObjectNode) t.get(parts[i]);
            prefix += parts[i] + ".";
        }
        String last = parts[parts.length - 1];
        JsonNode expected = s.get(last);
        if (expected == null) {
            throw unknownKey(task, layer.source(), layer.key(), s, prefix);
        }
        t.set(last, layer.values().isTextual() && !expected.isTextual() ? parseValue(layer.values().asText()) : layer.values());
    }

    /** A {@code --set} value as JSON when it is JSON, else as text (so that {@code name=adam} needs no quotes). */
    private static JsonNode parseValue(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? MAPPER.getNodeFactory().textNode(text) : node;
        } catch (JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(text);
        }
    }

    private static <C> C convert(String source, ObjectNode tree, Class<C> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException(source + ": " + cause.getMessage(), e);
        } catch (MismatchedInputException e) {
            String key = path(e);
            throw new ConfigException(source + ": '" + key + "' expects " + describe(e.getTargetType()) + ", got " + at(tree, key), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + e.getOriginalMessage(), e);
        }
    }

    private static ConfigException unknownKey(String task, String source, String key, ObjectNode schema, String prefix) {
        List<String> known = new ArrayList<>();
        collectKeys(prefix, schema, known);
        return new ConfigException(source + ": task '" + task + "' has no hyper-parameter '" + key + "'; its hyper-parameters are "
                + String.join(", ", known));
    }

    private static void collectKeys(String prefix, JsonNode node, List<String> out) {
        node.fieldNames().forEachRemaining(name -> {
            JsonNode child = node.get(name);
            if (child instanceof ObjectNode) {
                collectKeys(prefix + name + ".", child, out);
            } else {
                out.add(prefix + name);
            }
        });
    }

    private static String path(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        e.getPath().forEach(ref -> {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        });
        return sb.toString();
    }

    private static JsonNode at(ObjectNode tree, String key) {
        JsonNode node = tree;
        for (String part : key.replaceAll("\\[\\d+]", "").split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class || type == short.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                names.add(c.toString());
            }
            return "one of " + String.join(", ", names);
        }
        if (type.isArray() || List.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a " + type.getSimpleName();
    }
}
