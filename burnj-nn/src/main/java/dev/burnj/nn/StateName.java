package dev.burnj.nn;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides the state-dict name of a module field. By default a field's name is its Java name in snake_case
 * ({@code runningMean} → {@code running_mean}), which is what PyTorch calls the same attribute. An empty name on a
 * {@code List} or {@code Map} field names its elements by index or key alone, as PyTorch's {@code Sequential} does.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface StateName {
    String value();
}
