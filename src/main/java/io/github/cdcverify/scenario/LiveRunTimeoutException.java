package io.github.cdcverify.scenario;

import io.github.cdcverify.judge.Verdict;

/** A live run did not reach what it waited for in time; carries the last verdict when there was one. */
public final class LiveRunTimeoutException extends RuntimeException {

    private final transient Verdict lastVerdict;

    LiveRunTimeoutException(String message) {
        this(message, null);
    }

    LiveRunTimeoutException(String message, Verdict lastVerdict) {
        super(message);
        this.lastVerdict = lastVerdict;
    }

    /** The verdict of the last comparison before the time ran out; {@code null} when the wait was for another thing. */
    public Verdict lastVerdict() {
        return lastVerdict;
    }
}
