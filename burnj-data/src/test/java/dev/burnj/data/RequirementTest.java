package dev.burnj.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.testkit.Requirement;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The skip-or-fail rule of the testkit, which the real-data tests rely on. */
class RequirementTest {
    @Test
    void missingAndRequiredFails() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Requirement.assumeOrFail("fashion-mnist", false, "not installed", "vulkan, Fashion-MNIST"));
        assertTrue(e.getMessage().contains("required 'fashion-mnist'") && e.getMessage().contains("not installed"), e.getMessage());
    }

    @Test
    void missingAndNotRequiredSkips() {
        assertThrows(TestAbortedException.class, () -> Requirement.assumeOrFail("fashion-mnist", false, "not installed", "vulkan"));
        assertThrows(TestAbortedException.class, () -> Requirement.assumeOrFail("fashion-mnist", false, "not installed", ""));
    }

    @Test
    void availablePasses() {
        Requirement.assumeOrFail("fashion-mnist", true, "unused", "fashion-mnist");
        assertFalse(Requirement.required("mnist", "fashion-mnist"));
    }
}
