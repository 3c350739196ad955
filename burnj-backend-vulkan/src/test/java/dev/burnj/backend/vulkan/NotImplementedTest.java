package dev.burnj.backend.vulkan;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.conformance.support.NotImplemented;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The conformance suite's opt-in for backends built in increments (burnj-backend-tests has no tests of its own):
 * only the declared ops' exact not-implemented error skips a test; anything else still fails it.
 */
class NotImplementedTest {
    @AfterEach
    void reset() {
        NotImplemented.declare(null);
    }

    @Test
    void aDeclaredOpsErrorSkipsTheTestNamingTheOp() {
        NotImplemented.declare(" conv2d, interpolate ");
        assertEquals(Set.of("conv2d", "interpolate"), NotImplemented.declared());
        int before = NotImplemented.skipped();
        RuntimeException cause = new RuntimeException("wrapped", new UnsupportedOperationException("vulkan: conv2d is not implemented yet"));
        TestAbortedException e = assertThrows(TestAbortedException.class, () -> NotImplemented.skipIfDeclared("conv2d [1, 2]", cause));
        assertTrue(e.getMessage().contains("conv2d [1, 2] skipped: vulkan: conv2d is not implemented yet"), e.getMessage());
        assertEquals(before + 1, NotImplemented.skipped());
    }

    @Test
    void everythingElseStillFails() {
        NotImplemented.declare("conv2d");
        assertDoesNotThrow(() -> NotImplemented.skipIfDeclared("t", new UnsupportedOperationException("vulkan: pad is not implemented yet")));
        assertDoesNotThrow(() -> NotImplemented.skipIfDeclared("t", new UnsupportedOperationException("conv2d went wrong")));
        assertDoesNotThrow(() -> NotImplemented.skipIfDeclared("t", new IllegalStateException("vulkan: conv2d is not implemented yet")));
        NotImplemented.declare(null);
        assertDoesNotThrow(() -> NotImplemented.skipIfDeclared("t", new UnsupportedOperationException("vulkan: conv2d is not implemented yet")));
        assertTrue(NotImplemented.declared().isEmpty());
    }
}
