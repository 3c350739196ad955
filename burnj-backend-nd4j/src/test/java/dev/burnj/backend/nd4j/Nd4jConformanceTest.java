package dev.burnj.backend.nd4j;

import dev.burnj.conformance.BackendUnderTest;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/** Runs the whole backend conformance suite (forward values, gradients, autodiff behaviour, tensor API) on ND4J. */
@Suite
@SuiteDisplayName("ND4J backend conformance")
@SelectPackages("dev.burnj.conformance")
@ConfigurationParameter(key = BackendUnderTest.BACKEND_PARAMETER, value = "nd4j")
public class Nd4jConformanceTest {}
