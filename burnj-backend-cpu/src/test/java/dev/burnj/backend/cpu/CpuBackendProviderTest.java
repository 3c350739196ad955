package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.Backends;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider registers {@code cpu}, which is the default backend when nothing is configured, and gives its advice. */
class CpuBackendProviderTest {
    @Test
    void isFoundByNameAndIsTheDefaultWhenNothingIsConfigured() {
        assertEquals("cpu", Backends.get("cpu").name());
        if (System.getenv(Backends.BACKEND_ENV) == null && System.getProperty("burnj.backend") == null) {
            // nd4j is on this module's test class path too: cpu comes first.
            assertEquals("cpu", Backends.defaultBackendName());
        }
    }

    @Test
    void warnsOnlyWhenOneDnnKeepsAnOpenMpTeamWithoutAWaitPolicy() {
        OneDnnThreads.Mode openMp = OneDnnThreads.Mode.OPENMP;
        String advice = CpuBackendProvider.waitPolicyAdvice(openMp, Map.of());
        assertNotNull(advice);
        assertTrue(advice.contains("OMP_WAIT_POLICY=passive"), advice);
        assertNotNull(CpuBackendProvider.waitPolicyAdvice(openMp, Map.of("OMP_WAIT_POLICY", " ")));
        assertNull(CpuBackendProvider.waitPolicyAdvice(openMp, Map.of("OMP_WAIT_POLICY", "passive")));
        assertNull(CpuBackendProvider.waitPolicyAdvice(openMp, Map.of("OMP_WAIT_POLICY", "ACTIVE")));
        assertNull(CpuBackendProvider.waitPolicyAdvice(OneDnnThreads.Mode.SPLIT, Map.of()));
    }
}
