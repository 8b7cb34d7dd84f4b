package io.github.cdcverify.connect;

/**
 * Kafka Connect answered, but with a non-2xx HTTP status.
 *
 * <p>Kept separate from {@link ConnectException} so callers can react to specific statuses (404: no such connector,
 * 409: the worker group is rebalancing) without parsing messages.
 */
public class ConnectHttpException extends ConnectException {

    private final String method;
    private final String path;
    private final int statusCode;
    private final String connectMessage;

    ConnectHttpException(String method, String path, int statusCode, String connectMessage) {
        super(method + " " + path + " failed with HTTP " + statusCode + ": " + connectMessage);
        this.method = method;
        this.path = path;
        this.statusCode = statusCode;
        this.connectMessage = connectMessage;
    }

    /** The HTTP method of the failed request, e.g. {@code PUT}. */
    public String method() {
        return method;
    }

    /** The request path relative to the worker URL, e.g. {@code /connectors/users-connector/config}. */
    public String path() {
        return path;
    }

    /** The HTTP status Connect answered with. */
    public int statusCode() {
        return statusCode;
    }

    /** Connect's own explanation (the {@code message} field of its error body), secrets redacted. */
    public String connectMessage() {
        return connectMessage;
    }
}
