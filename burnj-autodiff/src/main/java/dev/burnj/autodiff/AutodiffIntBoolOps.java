package dev.burnj.autodiff;

import dev.burnj.backend.Backend;
import dev.burnj.backend.TensorPrimitive;

/** {@link dev.burnj.backend.IntOps} and {@link dev.burnj.backend.BoolOps}: never differentiable, so they pass straight through. */
abstract class AutodiffIntBoolOps extends AutodiffModuleOps {
    AutodiffIntBoolOps(Backend inner) {
        super(inner);
    }

    @Override
    public TensorPrimitive remainder(TensorPrimitive lhs, TensorPrimitive rhs) {
        return wrap(inner.remainder(unwrap(lhs).inner(), unwrap(rhs).inner()));
    }

    @Override
    public TensorPrimitive remainderScalar(TensorPrimitive lhs, double rhs) {
        return wrap(inner.remainderScalar(unwrap(lhs).inner(), rhs));
    }

    @Override
    public TensorPrimitive and(TensorPrimitive lhs, TensorPrimitive rhs) {
        return wrap(inner.and(unwrap(lhs).inner(), unwrap(rhs).inner()));
    }

    @Override
    public TensorPrimitive or(TensorPrimitive lhs, TensorPrimitive rhs) {
        return wrap(inner.or(unwrap(lhs).inner(), unwrap(rhs).inner()));
    }

    @Override
    public TensorPrimitive xor(TensorPrimitive lhs, TensorPrimitive rhs) {
        return wrap(inner.xor(unwrap(lhs).inner(), unwrap(rhs).inner()));
    }

    @Override
    public TensorPrimitive not(TensorPrimitive tensor) {
        return wrap(inner.not(unwrap(tensor).inner()));
    }

    @Override
    public TensorPrimitive any(TensorPrimitive tensor) {
        return wrap(inner.any(unwrap(tensor).inner()));
    }

    @Override
    public TensorPrimitive all(TensorPrimitive tensor) {
        return wrap(inner.all(unwrap(tensor).inner()));
    }
}
