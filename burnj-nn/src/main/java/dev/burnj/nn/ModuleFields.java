package dev.burnj.nn;

import dev.burnj.random.Generator;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Finds a module's state by reflection, so that models are plain classes with no visitor boilerplate: fields of type
 * {@link Param}, {@link Buffer}, {@link Module}, {@code List} (elements named by index) and {@code Map<String, ?>}
 * (values named by key), in declaration order, superclass fields first. Static and transient fields are skipped; null
 * fields (an absent optional bias) are skipped too. {@link Generator} fields are found as well — not state to save
 * as tensors, but random streams whose positions a training checkpoint records for exact resume.
 *
 * <p>The elements of a list or the values of a map may be modules or state tensors ({@link Param}, {@link Buffer}),
 * in the collection's iteration order; other elements are ignored. With {@code @StateName("")} the entries are
 * flattened into the owner: a layer whose parameter count depends on its configuration keeps them in a
 * {@code LinkedHashMap<String, Param<?>>} and gets flat names such as PyTorch's {@code weight_ih_l0}, {@code bias_hh_l1}.
 */
final class ModuleFields {
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> out = new ArrayList<>();
            if (type.getSuperclass() != null && Module.class.isAssignableFrom(type.getSuperclass())) {
                out.addAll(get(type.getSuperclass()));
            }
            for (Field f : type.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic() || !isState(f.getType())) {
                    continue;
                }
                f.setAccessible(true);
                out.add(f);
            }
            return List.copyOf(out);
        }
    };

    private ModuleFields() {}

    private static boolean isState(Class<?> type) {
        return StateTensor.class.isAssignableFrom(type) || Module.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)
                || Map.class.isAssignableFrom(type) || Generator.class.isAssignableFrom(type);
    }

    /** Calls {@code onGenerator} for each direct {@link Generator} field (a dropout's mask stream), with its name. */
    static void visitGenerators(Module module, BiConsumer<String, Generator> onGenerator) {
        for (Field f : FIELDS.get(module.getClass())) {
            if (read(module, f) instanceof Generator g) {
                onGenerator.accept(requireName(f, name(f)), g);
            }
        }
    }

    private static Object read(Module module, Field f) {
        try {
            return f.get(module);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read field " + f + " of " + module.getClass().getName(), e);
        }
    }

    /** Calls {@code onState} for each direct state tensor and {@code onChild} for each direct sub-module, with their names. */
    static void visit(Module module, BiConsumer<String, StateTensor<?>> onState, BiConsumer<String, Module> onChild) {
        for (Field f : FIELDS.get(module.getClass())) {
            Object value = read(module, f);
            String name = name(f);
            // An empty name flattens a container into its owner, as PyTorch's Sequential names its children "0", "1".
            String prefix = name.isEmpty() ? "" : name + ".";
            if (value instanceof StateTensor<?> s) {
                onState.accept(requireName(f, name), s);
            } else if (value instanceof Module m) {
                onChild.accept(requireName(f, name), m);
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    element(prefix + i, list.get(i), onState, onChild);
                }
            } else if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    element(prefix + e.getKey(), e.getValue(), onState, onChild);
                }
            }
        }
    }

    /** An element of a list or map field: a sub-module or a state tensor; anything else is not state. */
    private static void element(String name, Object value, BiConsumer<String, StateTensor<?>> onState, BiConsumer<String, Module> onChild) {
        if (value instanceof Module m) {
            onChild.accept(name, m);
        } else if (value instanceof StateTensor<?> s) {
            onState.accept(name, s);
        }
    }

    private static String requireName(Field f, String name) {
        if (name.isEmpty()) {
            throw new IllegalStateException("field " + f + ": an empty @StateName is only allowed on List and Map fields");
        }
        return name;
    }

    /** The state-dict name of a field: its {@link StateName}, else the Java name in snake_case. */
    static String name(Field f) {
        StateName explicit = f.getAnnotation(StateName.class);
        return explicit != null ? explicit.value() : snakeCase(f.getName());
    }

    static String snakeCase(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean boundary = i > 0 && (Character.isLowerCase(camel.charAt(i - 1)) || Character.isDigit(camel.charAt(i - 1))
                        || (i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1)) && Character.isUpperCase(camel.charAt(i - 1))));
                if (boundary) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
