package io.github.cdcverify.connect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Keeps secret configuration values out of logs, messages and {@code toString()} output. */
public final class Secrets {

    /** What a secret value is replaced with. */
    public static final String MASK = "********";

    // Shorter values would be replaced everywhere they happen to occur in a message, garbling it for little gain.
    private static final int MIN_REDACTABLE_LENGTH = 3;

    private Secrets() {
    }

    /**
     * Whether a configuration key holds a secret: any key containing "password", case-insensitive
     * (e.g. {@code database.password}, {@code ssl.truststore.password}).
     *
     * @param key a configuration key; {@code null} is not secret
     */
    public static boolean isSecretKey(String key) {
        return key != null && key.toLowerCase(Locale.ROOT).contains("password");
    }

    /**
     * A copy of {@code config}, in the same order, with the values of secret keys replaced by {@link #MASK}.
     *
     * @param config any configuration map; {@code null} values are kept as {@code null}
     * @return an unmodifiable copy safe to print
     */
    public static Map<String, String> mask(Map<String, String> config) {
        Map<String, String> masked = new LinkedHashMap<>();
        config.forEach((key, value) -> masked.put(key, isSecretKey(key) && value != null ? MASK : value));
        return Collections.unmodifiableMap(masked);
    }

    /**
     * Replaces, in free text such as an error message from Connect, every occurrence of a secret value of
     * {@code config} by {@link #MASK}. Values shorter than three characters are left alone.
     *
     * @param text   the text to clean; {@code null} gives {@code null}
     * @param config the configuration whose secret values must not appear
     */
    public static String redact(String text, Map<String, String> config) {
        if (text == null || config == null) {
            return text;
        }
        String result = text;
        for (Map.Entry<String, String> entry : config.entrySet()) {
            String value = entry.getValue();
            if (isSecretKey(entry.getKey()) && value != null && value.length() >= MIN_REDACTABLE_LENGTH) {
                result = result.replace(value, MASK);
            }
        }
        return result;
    }
}
