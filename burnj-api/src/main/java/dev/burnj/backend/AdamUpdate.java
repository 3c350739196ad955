package dev.burnj.backend;

/**
 * What one fused Adam step returns, owned by the caller: the updated parameter and moments, and the running
 * maximum of the second moment with AMSGrad (else null).
 */
public record AdamUpdate(TensorPrimitive param, TensorPrimitive expAvg, TensorPrimitive expAvgSq, TensorPrimitive maxExpAvgSq) {}
