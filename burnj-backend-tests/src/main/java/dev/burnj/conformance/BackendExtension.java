package dev.burnj.conformance;

import dev.burnj.backend.Backends;
import dev.burnj.conformance.support.NotImplemented;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Resolves {@link BackendUnderTest} parameters from the JUnit configuration parameter
 * {@value BackendUnderTest#BACKEND_PARAMETER} (set by a backend module's suite), else the system property of the
 * same name, else the default backend. The backend is created once per run.
 *
 * <p>Two opt-ins for backends that cannot always run: with {@value #SKIP_UNAVAILABLE}{@code =true} the tests are
 * skipped, with the reason, where the backend is unavailable (no device) unless the environment variable
 * {@value #REQUIRE_ENV} names it; and ops listed in {@link NotImplemented#PARAMETER} skip the tests that reach them.
 */
public final class BackendExtension implements ParameterResolver, ExecutionCondition, TestExecutionExceptionHandler {
    /** Configuration parameter: skip instead of fail when the backend is unavailable on this machine. */
    public static final String SKIP_UNAVAILABLE = "burnj.conformance.skipUnavailable";
    /** Environment variable listing (comma-separated) backends that must be available: they never skip. */
    public static final String REQUIRE_ENV = "BURNJ_REQUIRE";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BackendExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == BackendUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String name = backendName(context);
        NotImplemented.declare(context.getConfigurationParameter(NotImplemented.PARAMETER)
                .orElseGet(() -> System.getProperty(NotImplemented.PARAMETER)));
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(name, BackendUnderTest::named, BackendUnderTest.class);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!context.getConfigurationParameter(SKIP_UNAVAILABLE, Boolean::parseBoolean).orElse(false)) {
            return ConditionEvaluationResult.enabled("the backend must be available");
        }
        String name = backendName(context);
        String reason = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("unavailable:" + name, k -> unavailability(name),
                String.class);
        if (reason.isEmpty() || required(name)) {
            return ConditionEvaluationResult.enabled(reason.isEmpty() ? "available" : REQUIRE_ENV + " names " + name);
        }
        return ConditionEvaluationResult.disabled("backend " + name + " is unavailable here: " + reason);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        NotImplemented.skipIfDeclared(context.getDisplayName(), throwable);
        throw throwable;
    }

    /** Why the backend cannot run (printed once), or the empty string. */
    private static String unavailability(String name) {
        for (Backends.Info info : Backends.list()) {
            if (info.name().equals(name)) {
                if (!info.available()) {
                    System.out.println("[conformance] backend " + name + " is unavailable: " + info.reason()
                            + (required(name) ? " (" + REQUIRE_ENV + " requires it: tests fail)" : " (tests skipped)"));
                }
                return info.available() ? "" : info.reason();
            }
        }
        return "no backend named " + name + " on the class path";
    }

    private static boolean required(String name) {
        String v = System.getenv(REQUIRE_ENV);
        return v != null && Arrays.stream(v.split(",")).map(String::trim).anyMatch(name::equalsIgnoreCase);
    }

    private static String backendName(ExtensionContext context) {
        Optional<String> configured = context.getConfigurationParameter(BackendUnderTest.BACKEND_PARAMETER);
        return configured.orElseGet(() -> System.getProperty(BackendUnderTest.BACKEND_PARAMETER,
                dev.burnj.backend.Backends.defaultBackendName()));
    }
}
