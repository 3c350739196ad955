package dev.burnj.backend;

/**
 * Activation functions, with composed defaults that a backend may replace by fused kernels. The {@code *Backward}
 * ops are the activations' gradients as the autodiff decorator applies them: one pass over the elements where the
 * composition takes two or three ops and as many temporaries.
 */
public interface ActivationOps extends FloatOps {
    default TensorPrimitive relu(TensorPrimitive tensor) {
        TensorPrimitive negative = compareScalar(tensor, 0.0, Comparison.LT);
        try {
            return maskFill(tensor, negative, 0.0);
        } finally {
            negative.release();
        }
    }

    /** {@code x} where {@code x >= 0}, else {@code slope * x}. */
    default TensorPrimitive leakyRelu(TensorPrimitive tensor, double slope) {
        TensorPrimitive positive = compareScalar(tensor, 0.0, Comparison.GE);
        TensorPrimitive scaled = mulScalar(tensor, slope);
        try {
            return where(positive, tensor, scaled);
        } finally {
            positive.release();
            scaled.release();
        }
    }

    default TensorPrimitive sigmoid(TensorPrimitive tensor) {
        TensorPrimitive negated = neg(tensor);
        TensorPrimitive e = exp(negated);
        negated.release();
        TensorPrimitive denominator = addScalar(e, 1.0);
        e.release();
        try {
            return recip(denominator);
        } finally {
            denominator.release();
        }
    }

    /**
     * GELU: exact {@code x * (1 + erf(x / sqrt 2)) / 2}, or with {@code tanhApproximation}
     * {@code x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))) / 2}.
     */
    default TensorPrimitive gelu(TensorPrimitive tensor, boolean tanhApproximation) {
        TensorPrimitive inner;
        if (tanhApproximation) {
            TensorPrimitive cube = powScalar(tensor, 3.0);
            TensorPrimitive scaledCube = mulScalar(cube, 0.044715);
            cube.release();
            TensorPrimitive sum = add(tensor, scaledCube);
            scaledCube.release();
            TensorPrimitive arg = mulScalar(sum, Math.sqrt(2.0 / Math.PI));
            sum.release();
            inner = tanh(arg);
            arg.release();
        } else {
            TensorPrimitive arg = mulScalar(tensor, 1.0 / Math.sqrt(2.0));
            inner = erf(arg);
            arg.release();
        }
        TensorPrimitive onePlus = addScalar(inner, 1.0);
        inner.release();
        TensorPrimitive half = mulScalar(onePlus, 0.5);
        onePlus.release();
        try {
            return mul(tensor, half);
        } finally {
            half.release();
        }
    }

    /** {@code x * sigmoid(x)}. */
    default TensorPrimitive silu(TensorPrimitive tensor) {
        TensorPrimitive s = sigmoid(tensor);
        try {
            return mul(tensor, s);
        } finally {
            s.release();
        }
    }

    /** {@code log(1 + exp(beta x)) / beta}, computed as {@code (relu(bx) + log1p(exp(-|bx|))) / beta}. */
    default TensorPrimitive softplus(TensorPrimitive tensor, double beta) {
        TensorPrimitive bx = mulScalar(tensor, beta);
        TensorPrimitive positive = relu(bx);
        TensorPrimitive magnitude = abs(bx);
        bx.release();
        TensorPrimitive negMagnitude = neg(magnitude);
        magnitude.release();
        TensorPrimitive e = exp(negMagnitude);
        negMagnitude.release();
        TensorPrimitive l = log1p(e);
        e.release();
        TensorPrimitive total = add(positive, l);
        positive.release();
        l.release();
        try {
            return divScalar(total, beta);
        } finally {
            total.release();
        }
    }

    /** Softmax along {@code dim}: {@code exp(x - logSumExp(x))}. */
    default TensorPrimitive softmax(TensorPrimitive tensor, int dim) {
        TensorPrimitive logits = logSoftmax(tensor, dim);
        try {
            return exp(logits);
        } finally {
            logits.release();
        }
    }

    /** {@code x - logSumExp(x)} along {@code dim}. */
    default TensorPrimitive logSoftmax(TensorPrimitive tensor, int dim) {
        TensorPrimitive lse = logSumExp(tensor, dim);
        try {
            return sub(tensor, lse);
        } finally {
            lse.release();
        }
    }

    /** ReLU's gradient from its saved output: {@code grad} where {@code output > 0}, else 0 (PyTorch: 0 at 0). */
    default TensorPrimitive reluBackward(TensorPrimitive output, TensorPrimitive grad) {
        TensorPrimitive blocked = compareScalar(output, 0.0, Comparison.LE);
        try {
            return maskFill(grad, blocked, 0.0);
        } finally {
            blocked.release();
        }
    }

    /** Leaky ReLU's gradient from its input: {@code grad} where {@code input > 0}, else {@code slope * grad}. */
    default TensorPrimitive leakyReluBackward(TensorPrimitive input, TensorPrimitive grad, double slope) {
        TensorPrimitive positive = compareScalar(input, 0.0, Comparison.GT);
        TensorPrimitive scaled = mulScalar(grad, slope);
        try {
            return where(positive, grad, scaled);
        } finally {
            positive.release();
            scaled.release();
        }
    }

    /** The sigmoid's gradient from its saved output {@code s}: {@code grad * (s * (1 - s))}. */
    default TensorPrimitive sigmoidBackward(TensorPrimitive output, TensorPrimitive grad) {
        TensorPrimitive complement = rsubScalar(output, 1.0);
        TensorPrimitive slope = mul(output, complement);
        complement.release();
        try {
            return mul(grad, slope);
        } finally {
            slope.release();
        }
    }

    /** tanh's gradient from its saved output {@code y}: {@code grad * (1 - y * y)}. */
    default TensorPrimitive tanhBackward(TensorPrimitive output, TensorPrimitive grad) {
        TensorPrimitive square = mul(output, output);
        TensorPrimitive slope = rsubScalar(square, 1.0);
        square.release();
        try {
            return mul(grad, slope);
        } finally {
            slope.release();
        }
    }
}
