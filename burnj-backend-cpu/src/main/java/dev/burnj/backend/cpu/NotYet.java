package dev.burnj.backend.cpu;

/** TEMPORARY scaffolding while the backend is built in parallel; removed before landing. */
final class NotYet {
    private NotYet() {}

    static UnsupportedOperationException op(String op) {
        return new UnsupportedOperationException("cpu: " + op + " is not implemented yet");
    }
}
