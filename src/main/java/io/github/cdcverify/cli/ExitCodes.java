package io.github.cdcverify.cli;

/** What the process's exit status means. */
final class ExitCodes {

    static final int OK = 0;
    /** A check found a mismatch, or the pipeline could not be used (the message says why). */
    static final int FAILED = 1;
    /** An unknown option or a bad value: the usage was printed. */
    static final int USAGE = 2;
    /** Stopped by Ctrl+C (128 + SIGINT), after finishing the current transaction and printing the summary. */
    static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
