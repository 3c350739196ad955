package dev.burnj.nn;

import dev.burnj.nn.init.Initializer;
import dev.burnj.tensor.Rank;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.Tensor3;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Lstm} and {@link Gru} share: PyTorch's parameter layout and the loop over layers, directions and time
 * steps. A subclass gives the number of gates and one cell step.
 *
 * <p>Layer {@code k} has {@code weight_ih_l{k}} {@code [G·H, in]}, {@code weight_hh_l{k}} {@code [G·H, H]},
 * {@code bias_ih_l{k}} and {@code bias_hh_l{k}} {@code [G·H]}, with the gates stacked along the first dimension; a
 * bidirectional layer adds the same four with the suffix {@code _reverse}. The input size of layer {@code k > 0} is
 * {@code H · directions}. State is named and ordered exactly as PyTorch's {@code state_dict}.
 */
abstract sealed class Recurrent extends Module permits Lstm, Gru {
    /** The parameters of one layer and direction; the biases are null without bias. */
    record Cell(Param<Tensor2> weightIh, Param<Tensor2> weightHh, Param<Tensor1> biasIh, Param<Tensor1> biasHh) {}

    private final String name;
    private final int inputSize;
    private final int hiddenSize;
    private final int numLayers;
    private final int directions;
    private final boolean batchFirst;
    /** Every parameter under its PyTorch name, in {@code state_dict} order, flattened into this module. */
    @StateName("")
    private final Map<String, Param<?>> flat;
    /** The same parameters, typed, by {@code layer · directions + direction}. */
    private final transient List<Cell> cells;
    private final Dropout dropout;

    Recurrent(String layer, int gates, int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
            boolean bidirectional, TensorOptions options) {
        this.name = layer;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.directions = bidirectional ? 2 : 1;
        this.batchFirst = batchFirst;
        // PyTorch draws every weight and bias from U(-1/√H, 1/√H), in state_dict order.
        double bound = 1 / Math.sqrt(hiddenSize);
        Initializer init = Initializer.uniform(-bound, bound);
        Map<String, Param<?>> named = new LinkedHashMap<>();
        List<Cell> all = new ArrayList<>();
        for (int k = 0; k < numLayers; k++) {
            int in = k == 0 ? inputSize : hiddenSize * directions;
            for (int d = 0; d < directions; d++) {
                String suffix = "_l" + k + (d == 1 ? "_reverse" : "");
                Param<Tensor2> wIh = Param.of(init.init(Shape.of(gates * hiddenSize, in), Rank.R2, options));
                Param<Tensor2> wHh = Param.of(init.init(Shape.of(gates * hiddenSize, hiddenSize), Rank.R2, options));
                Param<Tensor1> bIh = bias ? Param.of(init.init(Shape.of(gates * hiddenSize), Rank.R1, options)) : null;
                Param<Tensor1> bHh = bias ? Param.of(init.init(Shape.of(gates * hiddenSize), Rank.R1, options)) : null;
                named.put("weight_ih" + suffix, wIh);
                named.put("weight_hh" + suffix, wHh);
                if (bias) {
                    named.put("bias_ih" + suffix, bIh);
                    named.put("bias_hh" + suffix, bHh);
                }
                all.add(new Cell(wIh, wHh, bIh, bHh));
            }
        }
        this.flat = Collections.unmodifiableMap(named);
        this.cells = List.copyOf(all);
        this.dropout = DropoutConfig.of(dropout).init(options.generator());
    }

    /** Checks the sizes shared by the recurrent configs, naming {@code layer}. */
    static void checkConfig(String layer, int inputSize, int hiddenSize, int numLayers, double dropout) {
        Sizes.positive(layer, "inputSize", inputSize);
        Sizes.positive(layer, "hiddenSize", hiddenSize);
        Sizes.positive(layer, "numLayers", numLayers);
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException(layer + ": dropout must be in [0, 1], got " + dropout);
        }
    }

    /** {@code weight_ih_l{layer}} (or its {@code _reverse} copy): {@code [G·H, in]}. */
    public Param<Tensor2> weightIh(int layer, boolean reverse) {
        return cell(layer, reverse).weightIh();
    }

    /** {@code weight_hh_l{layer}} (or its {@code _reverse} copy): {@code [G·H, H]}. */
    public Param<Tensor2> weightHh(int layer, boolean reverse) {
        return cell(layer, reverse).weightHh();
    }

    /** {@code bias_ih_l{layer}} (or its {@code _reverse} copy): {@code [G·H]}, or null without bias. */
    public Param<Tensor1> biasIh(int layer, boolean reverse) {
        return cell(layer, reverse).biasIh();
    }

    /** {@code bias_hh_l{layer}} (or its {@code _reverse} copy): {@code [G·H]}, or null without bias. */
    public Param<Tensor1> biasHh(int layer, boolean reverse) {
        return cell(layer, reverse).biasHh();
    }

    final int hiddenSize() {
        return hiddenSize;
    }

    private Cell cell(int k, boolean reverse) {
        if (k < 0 || k >= numLayers || (reverse && directions == 1)) {
            throw new IllegalArgumentException(name + ": no " + (reverse ? "reverse " : "") + "layer " + k + " in " + numLayers + " layer"
                    + (numLayers == 1 ? "" : "s") + (directions == 1 ? ", unidirectional" : ", bidirectional"));
        }
        return cells.get(k * directions + (reverse ? 1 : 0));
    }

    /**
     * One time step of one direction: the new state (hidden state first) from the input's gate pre-activations
     * {@code x W_ihᵀ + b_ih} and the hidden state's {@code h W_hhᵀ + b_hh}, both {@code [B, G·H]}.
     */
    abstract Tensor2[] step(Tensor2 inputGates, Tensor2 hiddenGates, Tensor2[] state);

    /**
     * Runs every layer and direction over {@code input}. {@code initial} holds one entry per state tensor, named by
     * {@code stateNames} ({@code h0}, and {@code c0} for an LSTM), each {@code [layers·directions, B, H]} or null for
     * zeros. Returns the output ({@code [L, B, directions·H]}, or batch first) followed by the final value of each
     * state tensor, {@code [layers·directions, B, H]}.
     */
    final List<Tensor3> run(Tensor3 input, List<String> stateNames, List<Tensor3> initial) {
        Channels.require(name, input.shape(), 2, inputSize, "features");
        int length = input.dim(batchFirst ? 1 : 0);
        int batch = input.dim(batchFirst ? 0 : 1);
        if (length < 1 || batch < 1) {
            throw new IllegalArgumentException(name + ": input " + input.shape() + " must have at least one time step and one sequence ("
                    + (batchFirst ? "[batch, length, features]" : "[length, batch, features]") + ")");
        }
        Shape stateShape = Shape.of(numLayers * directions, batch, hiddenSize);
        for (int s = 0; s < initial.size(); s++) {
            Tensor3 given = initial.get(s);
            if (given != null && !given.shape().equals(stateShape)) {
                throw new IllegalArgumentException(name + ": " + stateNames.get(s) + " " + given.shape() + " must be " + stateShape
                        + " (layers * directions, batch, hiddenSize) for input " + input.shape());
            }
        }
        try (TensorScope scope = TensorScope.open()) {
            Tensor3 x = batchFirst ? input.swapDims(0, 1) : input;
            List<List<Tensor2>> finals = new ArrayList<>();
            for (int s = 0; s < initial.size(); s++) {
                finals.add(new ArrayList<>(numLayers * directions));
            }
            for (int k = 0; k < numLayers; k++) {
                if (k > 0) {
                    // PyTorch drops out the outputs of every layer but the last, in training mode only.
                    x = dropout.forward(x);
                }
                List<Tensor3> outputs = new ArrayList<>(directions);
                for (int d = 0; d < directions; d++) {
                    int index = k * directions + d;
                    Tensor2[] state = new Tensor2[initial.size()];
                    for (int s = 0; s < state.length; s++) {
                        Tensor3 given = initial.get(s);
                        state[s] = given != null ? given.get(index)
                                : Tensor2.zeros(Shape.of(batch, hiddenSize), TensorOptions.on(x.device()).withDType(x.dtype()));
                    }
                    outputs.add(direction(x, cells.get(index), d == 1, state));
                    for (int s = 0; s < state.length; s++) {
                        finals.get(s).add(state[s]);
                    }
                }
                x = directions == 1 ? outputs.get(0) : Tensor3.cat(outputs, 2);
            }
            List<Tensor3> out = new ArrayList<>(1 + finals.size());
            out.add(scope.keep(batchFirst ? x.swapDims(0, 1) : x));
            for (List<Tensor2> f : finals) {
                out.add(scope.keep(Tensor3.stack(f, 0)));
            }
            return out;
        }
    }

    /** One direction of one layer over {@code x} {@code [L, B, in]}: its outputs {@code [L, B, H]}; {@code state} ends final. */
    private Tensor3 direction(Tensor3 x, Cell cell, boolean reverse, Tensor2[] state) {
        int length = x.dim(0);
        int batch = x.dim(1);
        // The input projection of every time step is one matmul; only the hidden projection has to be sequential.
        Tensor2 projected = x.reshape(length * batch, x.dim(2)).matmul(cell.weightIh().value().transpose());
        if (cell.biasIh() != null) {
            projected = projected.add(cell.biasIh().value().unsqueeze(0));
        }
        Tensor3 inputGates = projected.reshape(length, batch, projected.dim(1));
        Tensor2 weightHh = cell.weightHh().value().transpose();
        Tensor2 biasHh = cell.biasHh() != null ? cell.biasHh().value().unsqueeze(0) : null;
        Tensor2[] outputs = new Tensor2[length];
        for (int i = 0; i < length; i++) {
            int t = reverse ? length - 1 - i : i;
            // Each step frees its gate temporaries at once instead of holding them until the whole pass ends.
            try (TensorScope step = TensorScope.open()) {
                Tensor2 hiddenGates = state[0].matmul(weightHh);
                if (biasHh != null) {
                    hiddenGates = hiddenGates.add(biasHh);
                }
                Tensor2[] next = step(inputGates.get(t), hiddenGates, state);
                for (int s = 0; s < state.length; s++) {
                    state[s] = step.keep(next[s]);
                }
            }
            outputs[t] = state[0];
        }
        return Tensor3.stack(Arrays.asList(outputs), 0);
    }
}
