/**
 * Backend-agnostic tests of autodiff behaviour (graph semantics, gradient accumulation, memory, errors), run on the
 * backend under test through the autodiff decorator. Per-op gradient correctness is checked elsewhere in the suite.
 */
package dev.burnj.conformance.autodiff;
