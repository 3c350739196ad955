package dev.burnj.cli;

import dev.burnj.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The command in a child JVM on the test class path, so that signals can be sent to it: its output lines are
 * collected as they come, and a test waits for a line before acting.
 */
final class ChildCli implements AutoCloseable {
    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();

    private ChildCli(Process process) {
        this.process = process;
        pump(process.inputReader(StandardCharsets.UTF_8), out);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), err);
    }

    static ChildCli start(String... args) throws IOException {
        List<String> command = ChildJvm.command("-Xmx1g", "--add-opens=java.base/java.nio=ALL-UNNAMED");
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return new ChildCli(new ProcessBuilder(command).start());
    }

    private static void pump(BufferedReader reader, List<String> lines) {
        Thread t = new Thread(() -> {
            try (reader) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process ended; the lines read so far stay.
            }
        }, "child-output");
        t.setDaemon(true);
        t.start();
    }

    /** Waits until a line of standard output matches (or fails the test after {@code seconds}). */
    String awaitOut(Predicate<String> match, int seconds) throws InterruptedException {
        return await(out, match, seconds);
    }

    String awaitErr(Predicate<String> match, int seconds) throws InterruptedException {
        return await(err, match, seconds);
    }

    private String await(List<String> lines, Predicate<String> match, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lines) {
            for (int seen = 0; ; ) {
                for (; seen < lines.size(); seen++) {
                    if (match.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && seen == lines.size())) {
                    throw new AssertionError("no matching line within " + seconds + " s; " + this);
                }
                TimeUnit.NANOSECONDS.timedWait(lines, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
        }
    }

    /** Sends SIGINT with {@code kill -INT}. */
    void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -INT " + process.pid() + " failed");
        }
    }

    /** The exit code, waiting at most {@code seconds}. */
    int exitCode(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("still running after " + seconds + " s; " + this);
        }
        return process.exitValue();
    }

    String out() {
        synchronized (out) {
            return String.join("\n", out);
        }
    }

    String err() {
        synchronized (err) {
            return String.join("\n", err);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return "--- out\n" + out() + "\n--- err\n" + err();
    }
}
