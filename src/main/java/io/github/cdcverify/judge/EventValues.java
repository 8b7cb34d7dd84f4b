package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;

import java.util.Map;

/** Reads keys and column values out of parsed events, whose numbers may arrive as any {@link Number} type. */
final class EventValues {

    private EventValues() {
    }

    /** The event's {@code id} key as a long, or {@code null} when it has none that is a whole number. */
    static Long keyOf(ChangeEvent event) {
        Map<String, Object> key = event.key();
        return key == null ? null : asLong(key.get("id"));
    }

    /** A whole number given as a {@link Number} or numeric text; {@code null} otherwise. */
    static Long asLong(Object value) {
        if (value instanceof Number number) {
            double asDouble = number.doubleValue();
            // Rejects 4.5 while accepting 4, 4L and 4.0 from whichever number type the parser chose.
            return asDouble == Math.rint(asDouble) ? number.longValue() : null;
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
