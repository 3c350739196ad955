package dev.burnj.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A strict load found a file that does not fit the module. The message lists every missing, unexpected and
 * mismatched tensor at once, so one attempt shows everything to fix; {@link #report()} has them as data. The module
 * is left unchanged.
 */
public final class RecordMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient LoadReport report;

    RecordMismatchException(Path file, LoadReport report) {
        super(file + " does not match the module (" + report.missing().size() + " missing, " + report.unexpected().size()
                + " unexpected, " + report.mismatches().size() + " mismatched):" + report.problems());
        this.report = Objects.requireNonNull(report);
    }

    /** The problems, as data. */
    public LoadReport report() {
        return report;
    }
}
