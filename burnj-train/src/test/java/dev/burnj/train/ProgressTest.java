package dev.burnj.train;

import static dev.burnj.train.LearnerTest.loader;
import static dev.burnj.train.LearnerTest.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnj.optim.AdamConfig;
import dev.burnj.optim.Optimizer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Progress modes: which one AUTO picks, the plain lines, and the live bar. */
class ProgressTest {
    @Test
    void autoShowsABarOnlyOnAnInteractiveStandardOutput() {
        assertEquals(ProgressMode.BAR, ProgressMode.auto(true, true, "xterm-256color"));
        assertEquals(ProgressMode.BAR, ProgressMode.auto(true, true, null), "no TERM (Windows)");
        assertEquals(ProgressMode.LINES, ProgressMode.auto(true, true, "dumb"));
        assertEquals(ProgressMode.LINES, ProgressMode.auto(true, false, "xterm"), "redirected to a file or pipe");
        assertEquals(ProgressMode.LINES, ProgressMode.auto(false, true, "xterm"), "another stream than standard output");
        PrintStream other = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(ProgressMode.LINES, ProgressMode.AUTO.resolve(other));
        for (ProgressMode explicit : List.of(ProgressMode.BAR, ProgressMode.LINES, ProgressMode.OFF)) {
            assertEquals(explicit, explicit.resolve(other));
            assertEquals(explicit, explicit.resolve(System.out));
        }
    }

    /** Runs 2 epochs of 4 batches with the given progress setting; returns what was printed and the step events. */
    private static String fit(ProgressMode mode, Boolean on, List<StepEvent> events) {
        return fit(mode, on, events, false);
    }

    private static String fit(ProgressMode mode, Boolean on, List<StepEvent> events, boolean stopMidEpochWithSummary) {
        TestMlp mlp = model(21);
        Optimizer adam = AdamConfig.of().init();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (var train = loader(Synthetic.images(64, 1), 16, true)) {
            var builder = Learner.builder(mlp, adam).epochs(2).logEvery(2).summary(false)
                    .output(new PrintStream(printed, true, StandardCharsets.UTF_8)).callback(new Callback() {
                        @Override
                        public void stepEnd(StepEvent event) {
                            events.add(event);
                        }
                    });
            if (mode != null) {
                builder.progress(mode);
            }
            if (on != null) {
                builder.progress(on);
            }
            if (stopMidEpochWithSummary) {
                builder.maxSteps(6).summary(true);
            }
            builder.build().fit(train, null);
        }
        adam.close();
        mlp.close();
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void linesAreTheDefaultOffTheTerminalAndKeepTheirFormat() {
        List<StepEvent> events = new ArrayList<>();
        String printed = fit(null, null, events);
        List<String> expected = new ArrayList<>();
        for (StepEvent e : events) {
            if (e.step() % 2 == 0) {
                expected.add(String.format(Locale.ROOT, "epoch %d/2 [%d/4] step %d loss %.4f", e.epoch() + 1, e.batch() + 1, e.step(),
                        e.values().get("loss")));
            }
            if (e.batch() == 3) {
                expected.add("epoch " + (e.epoch() + 1) + "/2 done in <t> s: train loss <v>");
            }
        }
        List<String> lines = printed.lines().map(l -> l.replaceAll("done in [0-9.]+ s", "done in <t> s")
                .replaceAll("train loss [0-9.]+$", "train loss <v>")).toList();
        assertEquals(expected, lines);
        assertEquals(8, events.size());

        List<StepEvent> again = new ArrayList<>();
        String explicit = fit(ProgressMode.LINES, null, again);
        assertEquals(lines, explicit.lines().map(l -> l.replaceAll("done in [0-9.]+ s", "done in <t> s")
                .replaceAll("train loss [0-9.]+$", "train loss <v>")).toList(), "LINES is what AUTO picks here");
        assertEquals(printed.replaceAll("done in [0-9.]+ s", ""), fit(null, true, new ArrayList<>()).replaceAll("done in [0-9.]+ s", ""),
                "progress(true) is AUTO");
    }

    @Test
    void offAndProgressFalsePrintNothing() {
        assertEquals("", fit(ProgressMode.OFF, null, new ArrayList<>()));
        assertEquals("", fit(null, false, new ArrayList<>()));
    }

    @Test
    void theBarDrawsEachEpochWithItsMetricsAndThroughputThenTheEpochLine() {
        String printed = fit(ProgressMode.BAR, null, new ArrayList<>());
        assertTrue(printed.contains("\r"), "redrawn in place");
        for (int e = 1; e <= 2; e++) {
            assertTrue(printed.contains("epoch " + e + "/2"), printed);
            assertTrue(printed.contains("epoch " + e + "/2 done in"), "the plain epoch line follows: " + printed);
        }
        assertTrue(Pattern.compile("4/4").matcher(printed).find(), "the bar reaches the epoch's batch count: " + printed);
        assertTrue(Pattern.compile("loss [0-9]\\.[0-9]{4} \\| [0-9]+ items/s").matcher(printed).find(), printed);
        assertTrue(printed.lines().noneMatch(l -> l.matches(".*\\[\\d+/4\\] step \\d+.*")), "no step lines under a bar: " + printed);
    }

    @Test
    void aBarLeftByAStopMidEpochEndsBeforeTheSummary() {
        String printed = fit(ProgressMode.BAR, null, new ArrayList<>(), true);
        int summary = printed.indexOf("max steps 6 reached");
        assertTrue(summary > 0, printed);
        assertTrue(printed.lastIndexOf("epoch 2/2") < summary, "nothing of the bar after the summary: " + printed);
        assertTrue(printed.contains("2/4"), "the bar stopped at batch 2 of 4: " + printed);
    }
}
