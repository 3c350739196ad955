package dev.burnj.backend.vulkan;

import dev.burnj.conformance.BackendExtension;
import dev.burnj.conformance.BackendUnderTest;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * Runs the whole backend conformance suite on the first Vulkan device (lavapipe in CI), strictly: every op is
 * implemented, so nothing is declared not-implemented. Without a device every test is skipped with the reason,
 * unless {@code BURNJ_REQUIRE} names vulkan. On devices with {@code shaderFloat64} (lavapipe has it) the gradient
 * checks run against central differences in F64, as on nd4j.
 */
@Suite
@SuiteDisplayName("Vulkan backend conformance")
@SelectPackages("dev.burnj.conformance")
@ConfigurationParameter(key = BackendUnderTest.BACKEND_PARAMETER, value = "vulkan")
@ConfigurationParameter(key = BackendExtension.SKIP_UNAVAILABLE, value = "true")
public class VulkanConformanceTest {}
