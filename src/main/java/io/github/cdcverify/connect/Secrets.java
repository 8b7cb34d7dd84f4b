package io.github.cdcverify.connect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secret configuration values out of logs, messages and {@code toString()} output.
 *
 * <p>A secret is masked where it stands as a secret: as the value of a secret key, never wherever its text happens
 * to occur. A password {@code postgres} must not turn the host or user {@code postgres} into {@link #MASK} and make
 * a message useless.
 */
public final class Secrets {

    /** What a secret value is replaced with. */
    public static final String MASK = "********";

    private static final String KEY = "[A-Za-z0-9_.\\-]+";
    private static final String VALUE = "\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^\\s\"',;&})\\]]+";
    // key=value, key: value, "key":"value" and JAAS key="value"; group 1 the key, group 3 the value. Not Kafka's
    // "for configuration KEY: reason", whose reason is no value.
    private static final Pattern KEY_VALUE =
            Pattern.compile("(?<![A-Za-z0-9_.\\-])(?<!configuration )(" + KEY + ")(\"?\\s*[=:]\\s*)(" + VALUE + ")");
    // Kafka's ConfigException: "Invalid value <value> for configuration <key>".
    private static final Pattern INVALID_VALUE =
            Pattern.compile("(Invalid value )(\\S+)( for configuration )(" + KEY + ")");

    private Secrets() {
    }

    /**
     * Whether a configuration key holds a secret, case-insensitive: any key containing {@code password} or
     * {@code secret} (e.g. {@code database.password}, {@code ssl.truststore.password}, {@code client.secret}),
     * {@code sasl.jaas.config} (it carries the login's password), and SSL keys ({@code ssl.*.key}, e.g.
     * {@code ssl.keystore.key}, a PEM private key).
     *
     * @param key a configuration key; {@code null} is not secret
     */
    public static boolean isSecretKey(String key) {
        if (key == null) {
            return false;
        }
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.endsWith("sasl.jaas.config")
                || lower.startsWith("ssl.") && lower.endsWith(".key");
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
     * Masks, in free text such as an error message, the values that stand as secrets: {@code key=value},
     * {@code key: value} and {@code "key":"value"} pairs whose key is secret (see {@link #isSecretKey}), JAAS
     * {@code password="..."}, and Kafka's {@code Invalid value X for configuration KEY} for a secret key. Quotes
     * around a value stay, so the text keeps its shape. Other words are left alone, even when they equal a secret.
     *
     * @param text the text to clean; {@code null} gives {@code null}
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String pairs = replace(KEY_VALUE, text, match -> isSecretKey(match.group(1))
                ? match.group(1) + match.group(2) + maskKeepingQuotes(match.group(3)) : match.group());
        return replace(INVALID_VALUE, pairs, match -> isSecretKey(match.group(4))
                ? match.group(1) + MASK + match.group(3) + match.group(4) : match.group());
    }

    /**
     * Like {@link #redact(String)}, and also masks a secret value of {@code config} where it stands as a whole word
     * right after its key's name or the word {@code password}, as in Connect's "password s3cret-pw rejected" (the
     * form that has neither {@code =} nor {@code :}).
     *
     * @param text   the text to clean; {@code null} gives {@code null}
     * @param config the configuration whose secret values must not appear as such; may be {@code null}
     */
    public static String redact(String text, Map<String, String> config) {
        String result = redact(text);
        if (result == null || config == null) {
            return result;
        }
        for (Map.Entry<String, String> entry : config.entrySet()) {
            String value = entry.getValue();
            if (isSecretKey(entry.getKey()) && value != null && !value.isBlank()) {
                Pattern afterKey = Pattern.compile("(?i)(\\b(?:" + Pattern.quote(entry.getKey())
                        + "|password)\\s+)" + Pattern.quote(value) + "(?![^\\s\"',;&}\\]])");
                result = afterKey.matcher(result).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
            }
        }
        return result;
    }

    private static String maskKeepingQuotes(String value) {
        char first = value.charAt(0);
        return first == '"' || first == '\'' ? first + MASK + first : MASK;
    }

    private static String replace(Pattern pattern, String text, Function<MatchResult, String> with) {
        return pattern.matcher(text).replaceAll(match -> Matcher.quoteReplacement(with.apply(match)));
    }
}
