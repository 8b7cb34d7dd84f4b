package io.github.cdcverify.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type and read them: parsed from {@code 500ms}, {@code 20s}, {@code 5m}, {@code 1h} or ISO-8601,
 * printed as {@code 500 ms}, {@code 30 s}, {@code 2 min 30 s}, {@code 1 h 5 min} in every message, never as
 * {@code PT30S}.
 */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    /** Reads {@code text} given for {@code option}; an unreadable value is an error naming both and the forms. */
    public static Duration parse(String text, String option) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid value '" + text + "' for " + option
                    + ": use a number with ms, s, m or h (e.g. 20s) or an ISO-8601 duration (e.g. PT20S).");
        }
    }

    /** {@code 250 ms} below a second, {@code 1.5 s} below ten, then whole units: {@code 30 s}, {@code 6 min 5 s}. */
    public static String readable(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 10_000 && millis % 1_000 != 0) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1_000.0);
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        long hours = seconds / 3_600;
        long minutes = seconds % 3_600 / 60;
        long rest = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append(" h");
        }
        if (minutes > 0) {
            text.append(text.isEmpty() ? "" : " ").append(minutes).append(" min");
        }
        if (rest > 0 && hours == 0) {
            text.append(" ").append(rest).append(" s");
        }
        return text.toString();
    }
}
