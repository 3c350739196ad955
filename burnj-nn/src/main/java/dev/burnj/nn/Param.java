package dev.burnj.nn;

import dev.burnj.tensor.FloatTensor;

/**
 * A trainable parameter of a module. On an autodiff device a trainable parameter is a gradient leaf
 * ({@code requireGrad}); a frozen one is a plain constant that optimizers skip.
 *
 * @param <T> the tensor class, which fixes the rank
 */
public final class Param<T extends FloatTensor<T, ?, ?>> extends StateTensor<T> {
    private volatile boolean trainable;

    private Param(T value, boolean trainable) {
        super(trackIf(value, trainable));
        this.trainable = trainable;
    }

    /** A trainable parameter holding {@code value}; the parameter takes ownership of the tensor. */
    public static <T extends FloatTensor<T, ?, ?>> Param<T> of(T value) {
        return new Param<>(value, true);
    }

    public boolean isTrainable() {
        return trainable;
    }

    /** Freezes ({@code false}) or unfreezes ({@code true}) this parameter. */
    public synchronized void setTrainable(boolean newTrainable) {
        if (newTrainable != trainable) {
            trainable = newTrainable;
            set(value().detach());
        }
    }

    @Override
    T adopt(T tensor) {
        return super.adopt(trackIf(tensor, trainable));
    }

    /**
     * The tensor with gradient tracking matching {@code track}: a leaf when trainable on an autodiff device, otherwise
     * detached. Takes over {@code tensor} (closing it when a new one replaces it).
     */
    private static <T extends FloatTensor<T, ?, ?>> T trackIf(T tensor, boolean track) {
        boolean want = track && tensor.device().isAutodiff();
        if (want == tensor.requiresGrad()) {
            return tensor;
        }
        try (tensor) {
            return want ? tensor.requireGrad() : tensor.detach();
        }
    }

    @Override
    public String toString() {
        return "Param" + shape() + (trainable ? "" : " (frozen)");
    }
}
