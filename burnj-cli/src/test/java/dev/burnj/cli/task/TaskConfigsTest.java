package dev.burnj.cli.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Overrides on a config with a nested record, a string, an enum and a list. */
class TaskConfigsTest {
    enum Schedule { CONSTANT, COSINE }

    record Adam(double beta1, double beta2) {}

    record Hp(int epochs, String name, Schedule schedule, List<Integer> widths, Adam adam) implements TaskConfig {
        Hp {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
        }
    }

    static final Hp DEFAULTS = new Hp(3, "base", Schedule.CONSTANT, List.of(8, 4), new Adam(0.9, 0.999));

    static Hp resolve(ConfigOverrides o) {
        return TaskConfigs.resolve("t", DEFAULTS, o);
    }

    @Test
    void keysAreSnakeCaseAndDotted() {
        assertEquals(List.of("epochs", "name", "schedule", "widths", "adam.beta1", "adam.beta2"), TaskConfigs.keys(DEFAULTS));
    }

    @Test
    void setReachesNestedKeysAndReadsJsonOrText() {
        Hp hp = resolve(ConfigOverrides.none().withSet("adam.beta1=0.5").withSet("name=123").withSet("schedule=COSINE")
                .withSet("widths=[16, 2, 1]"));
        assertEquals(new Hp(3, "123", Schedule.COSINE, List.of(16, 2, 1), new Adam(0.5, 0.999)), hp);
    }

    @Test
    void aJsonLayerMergesNestedObjectsAndLaterLayersWin() {
        ObjectNode file = (ObjectNode) TaskConfigs.MAPPER.createObjectNode().put("epochs", 7);
        file.putObject("adam").put("beta2", 0.5);
        Hp hp = resolve(ConfigOverrides.none().withJson("file", file).withSet("epochs=9").withFlag("--epochs", "epochs", 11));
        assertEquals(new Hp(11, "base", Schedule.CONSTANT, List.of(8, 4), new Adam(0.9, 0.5)), hp);
        ObjectNode base = (ObjectNode) TaskConfigs.MAPPER.createObjectNode().put("epochs", 5);
        assertEquals(9, resolve(ConfigOverrides.none().withSet("epochs=9").withBase("run.json", base)).epochs(), "the base applies first");
    }

    @Test
    void errorsNameTheSourceTheKeyAndWhatWasExpected() {
        assertEquals("--set adam.gamma=1: task 't' has no hyper-parameter 'adam.gamma'; its hyper-parameters are adam.beta1, adam.beta2",
                assertThrows(ConfigException.class, () -> resolve(ConfigOverrides.none().withSet("adam.gamma=1"))).getMessage());
        assertEquals("--set epochs.x=1: task 't' has no hyper-parameter 'epochs.x'; its hyper-parameters are epochs, name, schedule, "
                + "widths, adam.beta1, adam.beta2",
                assertThrows(ConfigException.class, () -> resolve(ConfigOverrides.none().withSet("epochs.x=1"))).getMessage());
        assertEquals("--set adam.beta1=high: 'adam.beta1' expects a number, got \"high\"",
                assertThrows(ConfigException.class, () -> resolve(ConfigOverrides.none().withSet("adam.beta1=high"))).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> resolve(ConfigOverrides.none().withSet("schedule=linear"))).getMessage()
                .startsWith("--set schedule=linear: 'schedule' expects one of CONSTANT, COSINE, got \"linear\""));
        assertEquals("--set epochs=null: 'epochs' expects an integer, got null",
                assertThrows(ConfigException.class, () -> resolve(ConfigOverrides.none().withSet("epochs=null"))).getMessage());
        assertEquals("--epochs 0: epochs must be >= 1, got 0",
                assertThrows(ConfigException.class, () -> resolve(ConfigOverrides.none().withFlag("--epochs", "epochs", 0))).getMessage());
        ObjectNode file = (ObjectNode) TaskConfigs.MAPPER.createObjectNode().put("epoch", 2);
        assertTrue(assertThrows(ConfigException.class, () -> resolve(ConfigOverrides.none().withJson("--config hp.json", file))).getMessage()
                .startsWith("--config hp.json: task 't' has no hyper-parameter 'epoch'"));
    }
}
