package dev.burnj.backend.vulkan;

import dev.burnj.conformance.BackendExtension;
import dev.burnj.conformance.BackendUnderTest;
import dev.burnj.conformance.support.NotImplemented;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * Runs the whole backend conformance suite on the first Vulkan device (lavapipe in CI). Tests of the ops in
 * {@link VulkanBackend#NOT_IMPLEMENTED} are skipped with the reason; without a device every test is skipped,
 * unless {@code BURNJ_REQUIRE} names vulkan. Gradient checks compare with nd4j's F64 gradients, as this backend
 * has no F64 yet.
 */
@Suite
@SuiteDisplayName("Vulkan backend conformance")
@SelectPackages("dev.burnj.conformance")
@ConfigurationParameter(key = BackendUnderTest.BACKEND_PARAMETER, value = "vulkan")
@ConfigurationParameter(key = NotImplemented.PARAMETER, value = VulkanBackend.NOT_IMPLEMENTED)
@ConfigurationParameter(key = BackendExtension.SKIP_UNAVAILABLE, value = "true")
public class VulkanConformanceTest {}
