package io.github.cdcverify.cli;

/** What the process's exit status means. */
final class ExitCodes {

    static final int OK = 0;
    /** The pipeline was checked and differs: a check failed, or the stream a command read was incomplete. */
    static final int FAILED = 1;
    /** An unknown option or a bad value: the usage was printed. */
    static final int USAGE = 2;
    /**
     * The command stopped with an error before it could judge the pipeline: an endpoint unreachable, a login refused, a
     * file unreadable, a value it cannot use. CI can tell "the pipeline is wrong" (1) from "it could not be checked".
     */
    static final int ERROR = 3;
    /** Stopped by Ctrl+C (128 + SIGINT), after finishing the current transaction and printing the summary. */
    static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
