package io.github.cdcverify.judge;

import io.github.cdcverify.event.Op;

import java.util.Locale;

/**
 * One column of an event whose key and op match a committed change but whose value differs from what was written.
 *
 * @param key        the row's id
 * @param op         the change's op
 * @param occurrence which change of this op the key had, in commit order, starting at 1
 * @param inBefore   whether the column is in {@code before} (the row before the change) rather than {@code after}
 * @param column     the column's name
 * @param written    the value written over JDBC, or {@link #NO_COLUMN}
 * @param received   the value in the event, or {@link #NO_COLUMN}
 */
public record ChangedValue(long key, Op op, int occurrence, boolean inBefore, String column, Object written,
                           Object received) {

    /** Stands for a column one side does not have at all (as opposed to a column holding null). */
    public static final Object NO_COLUMN = new Object() {
        @Override
        public String toString() {
            return "no such column";
        }
    };

    /**
     * E.g. {@code key 17 (update #2): column email written 'a@x' but received 'b@x'}, or
     * {@code key 17 (delete #1): before column name written 'Ann' but received 'Anne'}.
     */
    public String describe() {
        return "key " + key + " (" + op.name().toLowerCase(Locale.ROOT) + " #" + occurrence + "): "
                + (inBefore ? "before column " : "column ") + column + " written " + show(written)
                + " but received " + show(received);
    }

    private static String show(Object value) {
        return value == NO_COLUMN ? NO_COLUMN.toString() : WrittenValueComparison.show(value);
    }
}
