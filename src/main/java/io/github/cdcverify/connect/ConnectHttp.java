package io.github.cdcverify.connect;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdcverify.time.Durations;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The HTTP plumbing under {@link ConnectClient}: building requests, and turning transport failures and non-2xx
 * answers into {@link ConnectException}s with messages a user can act on.
 */
final class ConnectHttp {

    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;
    private final Duration timeout;

    ConnectHttp(String url, Duration timeout) {
        URI uri = parseUrl(url);
        this.timeout = timeout;
        this.baseUrl = withoutUserInfo(uri);
        // Credentials in the URL (http://user:secret@host:8083) become Basic auth and are dropped from the URL, so
        // that no message built from baseUrl can ever show them. URI decodes %XX only: a '+' in a password stays a
        // '+' (URLDecoder, a form decoder, turned it into a space and the login failed).
        this.authorization = uri.getUserInfo() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                uri.getUserInfo().getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The worker URL without credentials or trailing slash: safe for messages. */
    String baseUrl() {
        return baseUrl;
    }

    /**
     * Sends a request and returns the response if its status is 2xx.
     *
     * @param body    JSON body, or {@code null} for none
     * @param secrets configuration whose secret values are redacted from any error message; may be empty
     * @throws ConnectHttpException on a non-2xx status
     * @throws ConnectException     when the worker cannot be reached or does not answer in time
     */
    HttpResponse<String> send(String method, String path, String body, Map<String, String> secrets) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreachable(baseUrl, reasonFor(e, timeout), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted during " + method + " " + path + " to Kafka Connect at " + baseUrl, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw httpError(method, path, response.statusCode(), response.body(), secrets);
        }
        return response;
    }

    /** Builds the exception for an unreachable worker; package-private so its wording can be tested. */
    static ConnectException unreachable(String baseUrl, String reason, Throwable cause) {
        return new ConnectException("Kafka Connect is not reachable at " + baseUrl + " (" + reason + "). Start it, "
                + "or pass the right URL with --connect-url / CDC_CONNECT_URL.", cause);
    }

    /**
     * Builds the exception for a non-2xx answer, using Connect's error body {@code {"error_code":..,"message":..}}
     * when there is one, else the (truncated) raw body.
     */
    static ConnectHttpException httpError(String method, String path, int status, String body,
                                          Map<String, String> secrets) {
        String message = null;
        if (body != null && body.strip().startsWith("{")) {
            try {
                JsonNode json = ConnectJson.MAPPER.readTree(body);
                message = ConnectJson.text(json, "message");
            } catch (IOException notJson) {
                // Fall through to the raw body: a proxy in front of Connect may answer with anything.
            }
        }
        if (message == null) {
            message = body == null || body.isBlank() ? "(empty response body)" : truncate(body.strip());
        }
        return new ConnectHttpException(method, path, status, Secrets.redact(message, secrets));
    }

    /** Encodes one path segment (connector names may contain spaces or slashes). */
    static String encodeSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String reasonFor(IOException e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out after " + Durations.readable(timeout);
        }
        if (e instanceof HttpTimeoutException) {
            return "no response within " + Durations.readable(timeout);
        }
        if (e instanceof java.net.ConnectException) {
            // The JDK's message here is often null or just the exception name; the reason is almost always this.
            return "connection refused";
        }
        // The JDK's messages name the request's URI, which carries no user info, but a proxy's answer may echo it.
        return e.getMessage() == null ? e.getClass().getSimpleName() : Secrets.redact(e.getMessage());
    }

    private static String truncate(String text) {
        return text.length() <= MAX_BODY_IN_MESSAGE ? text : text.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }

    private static URI parseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Kafka Connect URL is empty; expected e.g. http://127.0.0.1:8083");
        }
        try {
            URI uri = new URI(url.strip());
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new URISyntaxException(url, "expected http(s)://host:port");
            }
            return uri;
        } catch (URISyntaxException e) {
            // The input itself may carry credentials, so it is not echoed.
            throw new IllegalArgumentException("Invalid Kafka Connect URL: expected e.g. http://127.0.0.1:8083");
        }
    }

    private static String withoutUserInfo(URI uri) {
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return uri.getScheme().toLowerCase() + "://" + uri.getHost() + port + path;
    }
}
