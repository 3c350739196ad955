package dev.burnj.autodiff;

import dev.burnj.backend.TensorPrimitive;

/**
 * The backward of one recorded op: maps the gradient of the op's output to the gradients of its inputs. All tensors
 * are inner-backend tensors. The output gradient is borrowed; the returned gradients are new references handed to
 * the caller, one per input in input order, null for an input that gets none.
 */
@FunctionalInterface
interface BackwardRule {
    TensorPrimitive[] apply(TensorPrimitive outputGrad);
}
