package dev.burnj.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start of a command line for a child JVM that shares this test JVM's class path and JavaCPP cache: for tests
 * that need natives loaded afresh, another environment, or a process they can kill. Callers append the main class
 * and its arguments.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** {@code java OPTIONS [-Dorg.bytedeco.javacpp.cachedir=...] -cp CLASSPATH}, as a mutable list. */
    public static List<String> command(String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cache != null) {
            command.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        return command;
    }
}
