package dev.burnj.train.checkpoint;

/** What a checkpoint part holds, which fixes its file format and how it is loaded. */
public enum PartKind {
    /** A module's parameters and buffers ({@code dev.burnj.record.ModuleRecord}, safetensors). */
    MODULE("safetensors"),
    /** An optimizer's state, with its learning-rate scheduler's if any ({@code dev.burnj.optim.OptimizerRecord}). */
    OPTIMIZER("safetensors"),
    /** Any JSON value: loader position, random-generator state, metric history, user data. */
    JSON("json");

    private final String extension;

    PartKind(String extension) {
        this.extension = extension;
    }

    /** The file name of part {@code name}. */
    String fileName(String name) {
        return name + "." + extension;
    }
}
