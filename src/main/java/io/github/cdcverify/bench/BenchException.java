package io.github.cdcverify.bench;

/** The bench could not measure what it set out to; the message says what happened and what to try. */
public final class BenchException extends RuntimeException {

    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
