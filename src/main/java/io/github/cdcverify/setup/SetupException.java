package io.github.cdcverify.setup;

/** The database is not ready for change data capture; the message says what is wrong and how to fix it. */
public class SetupException extends RuntimeException {

    public SetupException(String message) {
        super(message);
    }

    public SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
