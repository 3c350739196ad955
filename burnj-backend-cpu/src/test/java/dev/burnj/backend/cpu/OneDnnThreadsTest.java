package dev.burnj.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.backend.cpu.OneDnnThreads.Mode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who runs oneDNN's work in parallel, from the property, the environment and what the process loaded already. */
class OneDnnThreadsTest {
    private final boolean[] sets = new boolean[1];

    @Test
    void splitsAndSetsTheEnvironmentWhenNothingIsConfigured() {
        assertEquals(Mode.SPLIT, OneDnnThreads.decide(null, Map.of(), false, sets));
        assertTrue(sets[0]);
        assertEquals(Mode.SPLIT, OneDnnThreads.decide(" Split ", Map.of("OMP_NUM_THREADS", " "), false, sets));
        assertTrue(sets[0]);
    }

    @Test
    void followsTheUsersThreadCount() {
        assertEquals(Mode.SPLIT, OneDnnThreads.decide(null, Map.of("OMP_NUM_THREADS", "1"), false, sets));
        assertFalse(sets[0]);
        assertEquals(Mode.OPENMP, OneDnnThreads.decide(null, Map.of("OMP_NUM_THREADS", "2"), false, sets));
        assertFalse(sets[0]);
        assertEquals(Mode.OPENMP, OneDnnThreads.decide(null, Map.of("OMP_NUM_THREADS", "4,2"), true, sets));
        assertFalse(sets[0]);
    }

    @Test
    void leavesAnOpenMpRuntimeThatIsAlreadyLoadedAlone() {
        assertEquals(Mode.OPENMP, OneDnnThreads.decide(null, Map.of(), true, sets));
        assertFalse(sets[0]);
        // The user's single thread still lets this backend split.
        assertEquals(Mode.SPLIT, OneDnnThreads.decide(null, Map.of("OMP_NUM_THREADS", "1"), true, sets));
    }

    @Test
    void thePropertyCanKeepOpenMpsTeamAndRejectsOtherValues() {
        assertEquals(Mode.OPENMP, OneDnnThreads.decide("openmp", Map.of(), false, sets));
        assertFalse(sets[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OneDnnThreads.decide("tbb", Map.of(), false, sets));
        assertTrue(e.getMessage().contains("split or openmp") && e.getMessage().contains("tbb"), e.getMessage());
    }

    @Test
    void cutsCallsOnlyWhenSplitting() {
        Mode previous = OneDnnThreads.use(Mode.OPENMP);
        try {
            assertEquals(1, OneDnnThreads.parts());
            OneDnnThreads.use(Mode.SPLIT);
            assertEquals(Parallel.threads(), OneDnnThreads.parts());
        } finally {
            OneDnnThreads.use(previous);
        }
    }
}
