package dev.burnj.cli;

/** The exit codes of the burnj command; docs/design/cli.md lists them for users. */
final class ExitCodes {
    static final int OK = 0;
    /** The command ran and failed: missing or invalid checkpoint or data, an error in training. */
    static final int FAILURE = 1;
    /** The command line is wrong: unknown command, option, task or hyper-parameter, or a bad value. */
    static final int USAGE = 2;
    /** Training stopped at SIGINT/SIGTERM after finishing its step and writing a checkpoint; resumable. */
    static final int INTERRUPTED = 130;
    /** A second signal aborted training at once, without a checkpoint of the current step. */
    static final int ABORTED = 131;

    private ExitCodes() {}
}
