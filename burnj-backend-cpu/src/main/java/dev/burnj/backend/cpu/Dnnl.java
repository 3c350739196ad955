package dev.burnj.backend.cpu;

/** SKELETON: loads oneDNN. */
final class Dnnl {
    private Dnnl() {}

    /** Null when oneDNN loads, else why not. */
    static String loadProblem() {
        return null;
    }
}
