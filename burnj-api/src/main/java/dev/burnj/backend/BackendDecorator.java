package dev.burnj.backend;

/** Service-provider interface for backend decorators such as {@code "autodiff"}, found by {@link java.util.ServiceLoader}. */
public interface BackendDecorator {
    String name();

    /** Wraps {@code inner}; called at most once per inner backend by {@link Backends}. */
    Backend decorate(Backend inner);
}
