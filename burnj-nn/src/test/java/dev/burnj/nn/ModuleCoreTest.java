package dev.burnj.nn;

import static dev.burnj.nn.Support.AD;
import static dev.burnj.nn.Support.CPU;
import static dev.burnj.nn.Support.f64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.random.Generator;
import dev.burnj.tensor.Grads;
import dev.burnj.tensor.Shape;
import dev.burnj.tensor.Tensor1;
import dev.burnj.tensor.Tensor2;
import dev.burnj.tensor.TensorOptions;
import dev.burnj.tensor.TensorScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Module core (discovery, names, freezing, summary, devices) exercised through a small model of real layers. */
class ModuleCoreTest {
    /** A model with a nested module, a list of modules, a map of modules and a module with buffers. */
    static final class Net extends Module {
        private final Linear inputProj;
        private final List<Linear> layers;
        private final Map<String, Module> heads;
        private final BatchNorm1d norm;
        private final Dropout dropout;
        private final transient Linear scratch;

        Net(TensorOptions options) {
            inputProj = LinearConfig.of(3, 8).init(options);
            layers = List.of(LinearConfig.of(8, 8).init(options), LinearConfig.of(8, 8).withBias(false).init(options));
            heads = new LinkedHashMap<>();
            heads.put("cls", LinearConfig.of(8, 2).init(options));
            norm = BatchNormConfig.of(8).init1d(options);
            dropout = DropoutConfig.of(0.5).init();
            scratch = LinearConfig.of(1, 1).init(options);
        }

        Tensor2 forward(Tensor2 x) {
            try (TensorScope scope = TensorScope.open()) {
                Tensor2 h = norm.forward(inputProj.forward(x)).relu();
                for (Linear layer : layers) {
                    h = layer.forward(h).relu();
                }
                return scope.keep(((Linear) heads.get("cls")).forward(dropout.forward(h)));
            }
        }
    }

    @Test
    void namesFollowFieldsListsAndMapsInSnakeCase() {
        Net net = new Net(f64(CPU));
        assertEquals(List.of("input_proj.weight", "input_proj.bias", "layers.0.weight", "layers.0.bias", "layers.1.weight",
                "heads.cls.weight", "heads.cls.bias", "norm.weight", "norm.bias"), List.copyOf(net.namedParameters().keySet()));
        assertEquals(List.of("norm.running_mean", "norm.running_var", "norm.num_batches_tracked"), List.copyOf(net.namedBuffers().keySet()));
        assertEquals(3 * 8 + 8 + 64 + 8 + 64 + 16 + 2 + 8 + 8, net.numParams());
        assertEquals(Shape.of(8, 3), net.namedParameters().get("input_proj.weight").shape());
        assertTrue(net.namedModules().containsKey("layers.1"));
        assertTrue(net.namedModules().containsKey("heads.cls"));
    }

    /** Parameters held in collections: a named list and a map flattened into the owner by an empty name. */
    static final class Flat extends Module {
        private final List<Param<Tensor1>> scales;
        @StateName("")
        private final Map<String, Param<?>> flat = new LinkedHashMap<>();
        private final List<String> notState = List.of("ignored");

        Flat(TensorOptions options) {
            scales = List.of(Param.of(DefaultInit.filled(2, 1, options)), Param.of(DefaultInit.filled(3, 1, options)));
            flat.put("weight_l1", Param.of(DefaultInit.filled(4, 0, options)));
            flat.put("weight_l0", Param.of(DefaultInit.filled(5, 0, options)));
        }
    }

    @Test
    void parametersInListsAndMapsAreNamedByIndexOrKeyInIterationOrder() {
        Flat module = new Flat(f64(CPU));
        assertEquals(List.of("scales.0", "scales.1", "weight_l1", "weight_l0"), List.copyOf(module.namedParameters().keySet()));
        assertEquals(2 + 3 + 4 + 5, module.numParams());
        assertEquals(Shape.of(5), module.namedState().get("weight_l0").shape());
        List<StateTensor<?>> state = List.copyOf(module.namedState().values());
        module.close();
        state.forEach(s -> assertTrue(s.value().isClosed(), "closed: " + s));
    }

    @Test
    void generatorsAreFoundByName() {
        Net net = new Net(f64(CPU));
        // Net's dropout was built without a generator of its own, so it draws from the global stream.
        assertEquals(Map.of("dropout.generator", Generator.global()), net.namedGenerators());
        Generator own = Generator.of(3);
        Sequential<Tensor2> seq = Sequential.builder(Tensor2.class).add(DropoutConfig.of(0.1).init(own), d -> d)
                .add(DropoutConfig.of(0.2).init(own), d -> d).build();
        assertEquals(List.of("0.generator", "1.generator"), List.copyOf(seq.namedGenerators().keySet()));
        assertTrue(seq.namedGenerators().values().stream().allMatch(g -> g == own));
        net.close();
    }

    @Test
    void closeFreesEveryParameterAndBufferOfTheTree() {
        Net net = new Net(f64(CPU));
        List<StateTensor<?>> state = List.copyOf(net.namedState().values());
        net.close();
        for (StateTensor<?> s : state) {
            assertTrue(s.value().isClosed(), "closed: " + s);
        }
        // The transient field is not part of the model's state, so it stays the owner's business.
        net.scratch.close();
    }

    @Test
    void freezeByRegexAndSummaryReportTrainability() {
        Net net = new Net(f64(AD));
        assertEquals(3, net.freeze("layers\\..*"));
        Map<String, Param<?>> params = net.namedParameters();
        assertFalse(params.get("layers.0.weight").isTrainable());
        assertFalse(params.get("layers.0.weight").value().requiresGrad(), "a frozen parameter is a constant");
        assertTrue(params.get("input_proj.weight").value().requiresGrad());
        String summary = net.summary();
        assertTrue(summary.startsWith("Net"), summary);
        assertTrue(summary.contains("layers.0.weight") && summary.contains("[8, 8]") && summary.contains("no (frozen)"), summary);
        assertTrue(summary.contains("norm.running_mean") && summary.contains("no (buffer)"), summary);
        assertTrue(summary.contains("total params: " + String.format("%,d", net.numParams()) + " (trainable "
                + String.format("%,d", net.numParams() - 136) + ", frozen 136)"), summary);
        assertEquals(3, net.unfreeze("layers\\..*"));
        assertTrue(params.get("layers.1.weight").value().requiresGrad());
    }

    @Test
    void trainEvalReachEverySubModule() {
        Net net = new Net(f64(CPU));
        net.eval();
        net.namedModules().values().forEach(m -> assertFalse(m.isTraining()));
        net.train();
        net.namedModules().values().forEach(m -> assertTrue(m.isTraining()));
    }

    @Test
    void movedToAnAutodiffDeviceTheModelTrains() {
        Net net = new Net(f64(CPU));
        net.freeze("heads\\..*");
        net.to(AD);
        net.namedState().values().forEach(s -> assertEquals(AD, s.device()));
        Param<?> trainable = net.namedParameters().get("input_proj.weight");
        Param<?> frozen = net.namedParameters().get("heads.cls.weight");
        assertTrue(trainable.value().requiresGrad());
        assertFalse(frozen.value().requiresGrad());
        assertFalse(net.namedBuffers().get("norm.running_var").value().requiresGrad());
        try (TensorScope scope = TensorScope.open()) {
            Tensor1 loss = net.forward(Tensor2.randn(Shape.of(4, 3), f64(AD))).pow(2).mean();
            try (Grads grads = loss.backward()) {
                @SuppressWarnings("unchecked")
                Param<Tensor2> w = (Param<Tensor2>) trainable;
                assertEquals(Shape.of(8, 3), grads.get(w.value()).shape());
                @SuppressWarnings("unchecked")
                Param<Tensor2> f = (Param<Tensor2>) frozen;
                assertTrue(grads.find(f.value()).isEmpty(), "no gradient for a frozen parameter");
            }
        }
    }
}
