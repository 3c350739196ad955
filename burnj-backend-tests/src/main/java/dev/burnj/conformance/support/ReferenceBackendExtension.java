package dev.burnj.conformance.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link ReferenceBackend} parameters from the configuration parameter {@value ReferenceBackend#PARAMETER},
 * else the system property of the same name, else {@value ReferenceBackend#DEFAULT}.
 */
public final class ReferenceBackendExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ReferenceBackend.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String name = context.getConfigurationParameter(ReferenceBackend.PARAMETER)
                .orElseGet(() -> System.getProperty(ReferenceBackend.PARAMETER, ReferenceBackend.DEFAULT));
        return new ReferenceBackend(name.trim());
    }
}
