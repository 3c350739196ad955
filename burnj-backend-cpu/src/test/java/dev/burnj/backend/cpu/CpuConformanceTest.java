package dev.burnj.backend.cpu;

import dev.burnj.conformance.BackendUnderTest;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/** Runs the whole backend conformance suite on the cpu backend, F64 gradient checks included. */
@Suite
@SuiteDisplayName("cpu backend conformance")
@SelectPackages("dev.burnj.conformance")
@ConfigurationParameter(key = BackendUnderTest.BACKEND_PARAMETER, value = "cpu")
public class CpuConformanceTest {}
