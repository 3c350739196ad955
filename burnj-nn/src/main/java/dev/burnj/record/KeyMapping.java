package dev.burnj.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Renames the tensors of a file to the module's state names on load, for checkpoints from other frameworks or
 * wrappers ({@code model.encoder.weight} → {@code encoder.weight}). Rules apply in the order they were added, each
 * to the result of the previous one. Immutable; each {@code then...} method returns an extended copy.
 */
public final class KeyMapping {
    private static final KeyMapping IDENTITY = new KeyMapping(List.of());

    /** One renaming step; the description identifies it, for equality and messages. */
    private record Rule(String description, UnaryOperator<String> apply) {}

    private final List<Rule> rules;

    private KeyMapping(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Keeps every name as it is. */
    public static KeyMapping identity() {
        return IDENTITY;
    }

    /** Removes {@code prefix} from names that start with it; other names are left alone. */
    public KeyMapping thenStripPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return with(new Rule("strip prefix '" + prefix + "'", key -> key.startsWith(prefix) ? key.substring(prefix.length()) : key));
    }

    /** Puts {@code prefix} in front of every name. */
    public KeyMapping thenAddPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return with(new Rule("add prefix '" + prefix + "'", key -> prefix + key));
    }

    /**
     * Replaces every match of {@code regex} in a name with {@code replacement}, which may refer to groups
     * ({@code $1}) as in {@link java.util.regex.Matcher#replaceAll(String)}.
     */
    public KeyMapping thenRename(String regex, String replacement) {
        Pattern pattern = Pattern.compile(regex);
        Objects.requireNonNull(replacement, "replacement");
        return with(new Rule("rename /" + regex + "/ to '" + replacement + "'", key -> pattern.matcher(key).replaceAll(replacement)));
    }

    /** The name {@code key} of a file maps to. */
    public String apply(String key) {
        String out = key;
        for (Rule rule : rules) {
            out = rule.apply().apply(out);
        }
        return out;
    }

    private KeyMapping with(Rule rule) {
        List<Rule> extended = new ArrayList<>(rules);
        extended.add(rule);
        return new KeyMapping(extended);
    }

    private List<String> descriptions() {
        return rules.stream().map(Rule::description).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyMapping k && k.descriptions().equals(descriptions());
    }

    @Override
    public int hashCode() {
        return descriptions().hashCode();
    }

    @Override
    public String toString() {
        return rules.isEmpty() ? "KeyMapping[identity]" : "KeyMapping" + descriptions();
    }
}
