package io.github.cdcverify.connect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Connect thinks of a connector configuration ({@code PUT /connector-plugins/{class}/config/validate}).
 *
 * <p>Only the errors are kept: the response also echoes every value, secrets included, which must not leak.
 *
 * @param errorCount    Connect's {@code error_count}
 * @param errorsByField error messages per configuration key, in Connect's order; only keys with errors appear
 */
public record ValidationResult(int errorCount, Map<String, List<String>> errorsByField) {

    public ValidationResult {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        errorsByField.forEach((field, errors) -> copy.put(field, List.copyOf(errors)));
        errorsByField = Collections.unmodifiableMap(copy);
    }

    /** {@code true} when Connect reported no error. */
    public boolean isValid() {
        return errorCount == 0;
    }

    /** Every error as {@code "name: message"}, one entry per error, fields in Connect's order. */
    public List<String> errors() {
        List<String> lines = new ArrayList<>();
        errorsByField.forEach((field, messages) -> messages.forEach(message -> lines.add(field + ": " + message)));
        return List.copyOf(lines);
    }

    /** Parses Connect's validate response body. */
    static ValidationResult fromJson(String json) {
        JsonNode root = ConnectJson.parse(json, "config validation");
        Map<String, List<String>> errorsByField = new LinkedHashMap<>();
        int counted = 0;
        for (JsonNode config : root.path("configs")) {
            JsonNode value = config.path("value");
            List<String> errors = ConnectJson.stringList(value.get("errors"));
            if (!errors.isEmpty()) {
                errorsByField.merge(ConnectJson.text(value, "name"), errors, (a, b) -> {
                    List<String> merged = new ArrayList<>(a);
                    merged.addAll(b);
                    return merged;
                });
                counted += errors.size();
            }
        }
        // error_count counts fields with errors, not messages; fall back to our count only if it is missing.
        int errorCount = root.hasNonNull("error_count") ? root.get("error_count").asInt() : counted;
        return new ValidationResult(errorCount, errorsByField);
    }
}
