package io.github.cdcverify.generate;

import io.github.cdcverify.event.Op;

import java.util.Random;

/**
 * Relative weights of inserts, updates and deletes, written {@code insert:update:delete} (e.g. {@code 60:30:10}).
 *
 * <p>Weights are relative, so {@code 6:3:1} behaves like {@code 60:30:10}. A zero weight disables that operation.
 *
 * @param insert weight of inserts, at least 0
 * @param update weight of updates, at least 0
 * @param delete weight of deletes, at least 0
 */
public record Mix(int insert, int update, int delete) {

    /** The default mix, {@code 60:30:10}: the table grows while every kind of change keeps being exercised. */
    public static final Mix DEFAULT = new Mix(60, 30, 10);

    /**
     * @throws IllegalArgumentException when a weight is negative or all weights are zero
     */
    public Mix {
        requireNonNegative("insert", insert);
        requireNonNegative("update", update);
        requireNonNegative("delete", delete);
        // long arithmetic: three large ints could overflow and wrap to a "valid" total.
        long total = (long) insert + update + delete;
        if (total == 0) {
            throw new IllegalArgumentException("Mix 0:0:0 has no positive weight; at least one of insert, update, "
                    + "delete must be greater than 0 (e.g. 60:30:10)");
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Mix " + insert + ":" + update + ":" + delete
                    + " is too large; the weights must add up to at most " + Integer.MAX_VALUE);
        }
    }

    /**
     * Parses {@code insert:update:delete}, e.g. {@code "60:30:10"}; blanks around numbers are allowed.
     *
     * @throws IllegalArgumentException naming the text and the expected form when it is not three
     *                                  non-negative integers separated by colons
     */
    public static Mix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Mix must be insert:update:delete weights such as 60:30:10, but was "
                    + (text == null ? "null" : "'" + text + "'"));
        }
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Mix '" + text + "' must have exactly three weights, "
                    + "insert:update:delete, such as 60:30:10");
        }
        return new Mix(weight(text, "insert", parts[0]), weight(text, "update", parts[1]),
                weight(text, "delete", parts[2]));
    }

    /** Sum of the three weights; always positive. */
    public int total() {
        return insert + update + delete;
    }

    /** Draws an operation with probability proportional to its weight: {@code CREATE}, {@code UPDATE} or {@code DELETE}. */
    public Op pick(Random random) {
        int draw = random.nextInt(total());
        if (draw < insert) {
            return Op.CREATE;
        }
        return draw < insert + update ? Op.UPDATE : Op.DELETE;
    }

    /** The parseable form, {@code insert:update:delete}. */
    @Override
    public String toString() {
        return insert + ":" + update + ":" + delete;
    }

    private static int weight(String text, String name, String part) {
        try {
            return Integer.parseInt(part.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Mix '" + text + "': " + name + " weight '" + part.trim()
                    + "' is not a whole number; expected insert:update:delete such as 60:30:10", e);
        }
    }

    private static void requireNonNegative(String name, int weight) {
        if (weight < 0) {
            throw new IllegalArgumentException("Mix " + name + " weight must be 0 or more, but was " + weight);
        }
    }
}
