package dev.burnj.nn;

import dev.burnj.tensor.Kind;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorData;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;

/**
 * Fixed sinusoidal position encodings added to a {@code [B, L, dModel]} input, then dropout (Vaswani et al.; the
 * {@code PositionalEncoding} of PyTorch's tutorials, batch first; Burn's {@code PositionalEncoding} adds the same table
 * without the dropout): {@code pe[pos, 2i] = sin(pos / 10000^(2i/dModel))} and
 * {@code pe[pos, 2i+1] = cos(pos / 10000^(2i/dModel))}.
 *
 * <p>The table is a constant, neither a {@link Param} nor a {@link Buffer}, so it is <em>not</em> part of the state
 * dict: it is recomputed from the config at {@code init}, as Burn does, and checkpoints stay free of a
 * {@code maxLength x dModel} array that carries no information. (PyTorch's tutorials register it as a buffer named
 * {@code pe}; load such a checkpoint leniently or drop that key.) Because {@link Module#to} moves state only, the
 * table stays where it was built and is copied to the input's device and dtype when they differ.
 */
public final class PositionalEncoding extends Module {
    private static final double BASE = 10000;

    private final PositionalEncodingConfig config;
    private final transient Tensor2 table;
    private final Dropout dropout;

    PositionalEncoding(PositionalEncodingConfig config, TensorOptions options) {
        this.config = config;
        this.table = TensorScope.unscoped(sinusoids(config.maxLength(), config.dModel(), options));
        this.dropout = DropoutConfig.of(config.dropout()).init(options.generator());
    }

    public PositionalEncodingConfig config() {
        return config;
    }

    /** Adds the encodings of positions {@code 0..L-1} to {@code input} ({@code [B, L, dModel]}, {@code L <= maxLength}). */
    public Tensor3 forward(Tensor3 input) {
        Channels.require("PositionalEncoding", input.shape(), -1, config.dModel(), "features");
        int length = input.dim(1);
        if (length > config.maxLength()) {
            throw new IllegalArgumentException("PositionalEncoding: input " + input.shape() + " has length " + length
                    + " in dimension 1, more than maxLength " + config.maxLength());
        }
        try (TensorScope scope = TensorScope.open()) {
            Tensor2 rows = table.narrow(0, 0, length);
            if (!rows.device().equals(input.device())) {
                rows = rows.to(input.device());
            }
            if (rows.dtype() != input.dtype()) {
                rows = rows.cast(input.dtype());
            }
            return scope.keep(dropout.forward(input.add(rows.unsqueeze(0))));
        }
    }

    /** Frees the table as well as the (empty) state. */
    @Override
    public void close() {
        table.close();
        super.close();
    }

    /** The {@code [length, d]} table, computed on the host in double precision. */
    private static Tensor2 sinusoids(int length, int d, TensorOptions options) {
        double[] values = new double[Math.multiplyExact(length, d)];
        for (int c = 0; c < d; c += 2) {
            // 10000^(-2i/d) with c = 2i: the angular frequency shared by columns 2i and 2i+1.
            double frequency = Math.exp(-c * Math.log(BASE) / d);
            for (int pos = 0; pos < length; pos++) {
                values[pos * d + c] = Math.sin(pos * frequency);
                if (c + 1 < d) {
                    values[pos * d + c + 1] = Math.cos(pos * frequency);
                }
            }
        }
        return Tensor2.from(TensorData.fromDoubles(values, Shape.of(length, d), options.dtype(Kind.FLOAT)), options.device());
    }
}
