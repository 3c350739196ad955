package dev.burnj.train;

/** Which data a metric value was computed on. */
public enum Split {
    TRAIN("train"),
    VALID("valid"),
    TEST("test");

    private final String label;

    Split(String label) {
        this.label = label;
    }

    /** The lower-case name used in logs and files ({@code "valid"}). */
    public String label() {
        return label;
    }
}
