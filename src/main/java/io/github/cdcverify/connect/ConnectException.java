package io.github.cdcverify.connect;

/**
 * Something went wrong talking to Kafka Connect, or a connector did not reach the expected state.
 *
 * <p>Messages are meant to be shown to a user as they are: they name the worker URL (never its credentials) and
 * say what to do next. They never contain configuration values of secret keys.
 */
public class ConnectException extends RuntimeException {

    /** @param message a user-facing explanation, free of secrets */
    public ConnectException(String message) {
        super(message);
    }

    /**
     * @param message a user-facing explanation, free of secrets
     * @param cause   the underlying failure, kept for debugging
     */
    public ConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
