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
 * a message useless. The user info of a URL ({@code http://user:password@host}) stands as a secret too.
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
    // scheme://userinfo@ of any URL (http, https, jdbc:postgresql, ...); group 1 up to "//", group 2 the user info.
    // The user info runs to the last '@' before the host's end, so a password with an unencoded '@' is masked whole.
    private static final Pattern URL_USER_INFO =
            Pattern.compile("(?<![A-Za-z0-9+.\\-])([A-Za-z][A-Za-z0-9+.\\-]*://)([^\\s/?#\"'<>]*)@");

    private Secrets() {
    }

    /**
     * Whether a configuration key holds a secret, case-insensitive: any key containing {@code password},
     * {@code passphrase}, {@code secret} or {@code token} (e.g. {@code database.password},
     * {@code ssl.truststore.password}, {@code client.secret}, {@code sasl.oauthbearer.token}, {@code bearer.auth.token},
     * {@code access_token}), {@code user.info} (Schema Registry's {@code basic.auth.user.info}, {@code user:password}),
     * {@code sasl.jaas.config} (it carries the login's password), and SSL keys ({@code ssl.*.key}, e.g.
     * {@code ssl.keystore.key}, a PEM private key).
     *
     * <p>{@code token} anywhere in the key also masks the few token keys that hold no secret, such as
     * {@code sasl.oauthbearer.token.endpoint.url}: telling a token from the place it comes from by the key's name
     * alone would let the next vendor's {@code *.token.value} through.
     *
     * @param key a configuration key; {@code null} is not secret
     */
    public static boolean isSecretKey(String key) {
        if (key == null) {
            return false;
        }
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("passphrase") || lower.contains("secret")
                || lower.contains("token") || lower.contains("user.info") || lower.endsWith("sasl.jaas.config")
                || lower.startsWith("ssl.") && lower.endsWith(".key");
    }

    /**
     * Masks the user info of every URL in {@code text}: {@code http://user:password@host} becomes
     * {@code http://user:********@host}, the user name stays. User info without a {@code :} is masked whole
     * ({@code https://********@host}), as a lone user info is as often a token as a user name. Any scheme counts,
     * so {@code jdbc:postgresql://user:password@host/db} and {@code SASL_SSL://user:password@host} are masked too.
     *
     * @param text a URL or free text containing URLs; {@code null} gives {@code null}
     */
    public static String maskUserInfo(String text) {
        if (text == null) {
            return null;
        }
        return replace(URL_USER_INFO, text, match -> {
            String userInfo = match.group(2);
            int colon = userInfo.indexOf(':');
            return match.group(1) + (colon < 0 ? MASK : userInfo.substring(0, colon + 1) + MASK) + "@";
        });
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
     * Masks, in free text such as an error message, the values that stand as secrets: the user info of URLs (see
     * {@link #maskUserInfo}), {@code key=value}, {@code key: value} and {@code "key":"value"} pairs whose key is
     * secret (see {@link #isSecretKey}), also inside another pair's value such as a URL's query, JAAS
     * {@code password="..."}, and Kafka's {@code Invalid value X for configuration KEY} for a secret key. Quotes
     * around a value stay, so the text keeps its shape. Other words are left alone, even when they equal a secret.
     *
     * @param text the text to clean; {@code null} gives {@code null}
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String pairs = maskSecretPairs(maskUserInfo(text));
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

    /**
     * Masks the value of every {@link #KEY_VALUE} pair whose key is secret. The value of a pair whose key is not
     * secret is searched too, as it may hold secret pairs of its own: in {@code url=jdbc:postgresql://h/db?password=x}
     * the pair {@code postgresql://h/db?password=x} must not hide {@code password=x}.
     */
    private static String maskSecretPairs(String text) {
        Matcher pair = KEY_VALUE.matcher(text);
        StringBuilder masked = new StringBuilder(text.length());
        int copied = 0;
        int from = 0;
        while (pair.find(from)) {
            if (isSecretKey(pair.group(1))) {
                masked.append(text, copied, pair.start(3)).append(maskKeepingQuotes(pair.group(3)));
                copied = pair.end(3);
                from = copied;
            } else {
                from = pair.end(1);
            }
        }
        return masked.append(text, copied, text.length()).toString();
    }

    private static String maskKeepingQuotes(String value) {
        char first = value.charAt(0);
        return first == '"' || first == '\'' ? first + MASK + first : MASK;
    }

    private static String replace(Pattern pattern, String text, Function<MatchResult, String> with) {
        return pattern.matcher(text).replaceAll(match -> Matcher.quoteReplacement(with.apply(match)));
    }
}
