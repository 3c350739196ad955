/**
 * Reverse-mode automatic differentiation as a backend decorator: {@link dev.burnj.autodiff.AutodiffBackend} wraps any
 * {@link dev.burnj.backend.Backend}, runs every op on it and records, for tracked float tensors, a reference-counted graph
 * whose nodes carry the backward rule of the op that produced them. See {@code docs/design/autodiff.md}.
 */
package dev.burnj.autodiff;
