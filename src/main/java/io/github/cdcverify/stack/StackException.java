package io.github.cdcverify.stack;

/** A stack could not start or a component misbehaved; the message says what and how to fix it. */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
