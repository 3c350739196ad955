package dev.burnj.conformance;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link BackendUnderTest} parameters from the JUnit configuration parameter
 * {@value BackendUnderTest#BACKEND_PARAMETER} (set by a backend module's suite), else the system property of the
 * same name, else the default backend. The backend is created once per run.
 */
public final class BackendExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BackendExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == BackendUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String name = backendName(context);
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(name, BackendUnderTest::named, BackendUnderTest.class);
    }

    private static String backendName(ExtensionContext context) {
        Optional<String> configured = context.getConfigurationParameter(BackendUnderTest.BACKEND_PARAMETER);
        return configured.orElseGet(() -> System.getProperty(BackendUnderTest.BACKEND_PARAMETER,
                dev.burnj.backend.Backends.defaultBackendName()));
    }
}
