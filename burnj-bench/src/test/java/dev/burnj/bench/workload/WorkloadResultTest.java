package dev.burnj.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadResultTest {
    @Test
    void reportsTheMedianOfRunsAndOfTheirExtras() throws Exception {
        Workload w1 = Workloads.byId("w1");
        WorkloadResult r = WorkloadResult.of(w1, "nd4j:cpu:0", List.of(new Measurement(300, Map.of("test_accuracy", 0.8)),
                new Measurement(100, Map.of("test_accuracy", 0.9)), new Measurement(200, Map.of("test_accuracy", 0.7))), 0);
        assertEquals(200, r.median());
        assertEquals(0.8, r.extras().get("test_accuracy"));
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertEquals("W1", json.get("workload").asText());
        assertEquals("samples/s", json.get("unit").asText());
        assertEquals(true, json.get("higher_is_better").asBoolean());
        assertEquals(200, json.get("value").asDouble());
        assertEquals(3, json.get("runs").size());
        assertEquals(0.8, json.get("extras").get("test_accuracy").asDouble());
        assertEquals(2.5, WorkloadResult.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }

    @Test
    void refusesEmptyAndNonFiniteMeasurements() {
        assertThrows(IllegalArgumentException.class, () -> WorkloadResult.of(Workloads.byId("W4"), "nd4j", List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> Measurement.of(Double.NaN));
    }

    @Test
    void parsesWorkloadLists() {
        assertEquals(List.of("W1", "W4"), Workloads.parse("W1, w4").stream().map(Workload::id).toList());
        assertEquals(5, Workloads.parse("all").size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workloads.parse("W6"));
        assertEquals("no workload W6; expected one of W1, W2, W3, W4, W5", e.getMessage());
    }

    @Test
    void formatsThreeSignificantDigitsOrWholeUnits() {
        assertEquals("94712", ResultTable.format(94712.4));
        assertEquals("251", ResultTable.format(251.2));
        assertEquals("51.3", ResultTable.format(51.27));
        assertEquals("5.13", ResultTable.format(5.127));
        assertEquals("0.081", ResultTable.format(0.0812));
    }
}
