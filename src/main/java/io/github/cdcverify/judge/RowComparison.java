package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.generate.LedgerEntry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares every column of an event with the committed change it stands for.
 *
 * <p>{@code after} must hold exactly the row as written (a delete's {@code after} must be null). {@code before}
 * must have one of the shapes Debezium gives it: under REPLICA IDENTITY FULL the whole row before the change, equal
 * to the ledger's; under DEFAULT {@code null} for an update and only the key (every other column null) for a
 * delete. A create has no {@code before}. An update whose previous values the ledger did not record accepts any
 * {@code before}.
 */
final class RowComparison {

    private static final String KEY_COLUMN = "id";

    private RowComparison() {
    }

    /** Whether the event stands for the change exactly, {@link #differences} being empty. */
    static boolean matches(long key, LedgerEntry entry, ChangeEvent event) {
        return sameRow(expectedAfter(entry), event.after()) && acceptedBefore(key, entry, event.before());
    }

    /** Every column that differs; empty when the event {@link #matches} the change. */
    static List<ChangedValue> differences(long key, int occurrence, LedgerEntry entry, ChangeEvent event) {
        List<ChangedValue> changed = new ArrayList<>();
        compare(key, occurrence, entry.op(), false, expectedAfter(entry), event.after(), changed);
        if (!acceptedBefore(key, entry, event.before())) {
            compare(key, occurrence, entry.op(), true, entry.before(), event.before(), changed);
        }
        return changed;
    }

    /** A delete's {@code after} is null; the ledger keeps the removed row in its values. */
    private static Map<String, Object> expectedAfter(LedgerEntry entry) {
        return entry.op() == Op.DELETE ? null : entry.values();
    }

    /** Whether the event's {@code before} is one of the shapes Debezium may send for this change. */
    private static boolean acceptedBefore(long key, LedgerEntry entry, Map<String, Object> before) {
        return switch (entry.op()) {
            case CREATE -> before == null;
            case UPDATE -> before == null || entry.before() == null || sameRow(entry.before(), before);
            case DELETE -> before != null && (keyOnly(key, before) || sameRow(entry.before(), before));
            default -> false;
        };
    }

    /** REPLICA IDENTITY DEFAULT's delete: the key column holds the key, every other column null. */
    private static boolean keyOnly(long key, Map<String, Object> before) {
        for (Map.Entry<String, Object> column : before.entrySet()) {
            boolean isKey = column.getKey().equals(KEY_COLUMN);
            if (isKey ? !ColumnComparison.asWritten(key, column.getValue()) : column.getValue() != null) {
                return false;
            }
        }
        return before.containsKey(KEY_COLUMN);
    }

    /** Equal columns with equal values (both rows null counts as equal); allocates nothing, as most rows match. */
    private static boolean sameRow(Map<String, Object> written, Map<String, Object> received) {
        if (written == null || received == null) {
            return written == received;
        }
        if (written.size() != received.size()) {
            return false;
        }
        for (Map.Entry<String, Object> column : written.entrySet()) {
            Object value = received.get(column.getKey());
            if ((value == null && !received.containsKey(column.getKey()))
                    || !ColumnComparison.asWritten(column.getValue(), value)) {
                return false;
            }
        }
        return true;
    }

    private static void compare(long key, int occurrence, Op op, boolean inBefore, Map<String, Object> written,
                                Map<String, Object> received, List<ChangedValue> changed) {
        for (String column : differingColumns(written, received)) {
            changed.add(new ChangedValue(key, op, occurrence, inBefore, column, valueOf(written, column),
                    valueOf(received, column)));
        }
    }

    /** Every column of either row that the other lacks or holds another value in; none when both rows are null. */
    private static List<String> differingColumns(Map<String, Object> written, Map<String, Object> received) {
        Set<String> columns = new LinkedHashSet<>();
        if (written != null) {
            columns.addAll(written.keySet());
        }
        if (received != null) {
            columns.addAll(received.keySet());
        }
        List<String> differing = new ArrayList<>();
        for (String column : columns) {
            Object writtenValue = valueOf(written, column);
            Object receivedValue = valueOf(received, column);
            boolean bothPresent = writtenValue != ChangedValue.NO_COLUMN && receivedValue != ChangedValue.NO_COLUMN;
            if (!bothPresent || !ColumnComparison.asWritten(writtenValue, receivedValue)) {
                differing.add(column);
            }
        }
        return differing;
    }

    private static Object valueOf(Map<String, Object> row, String column) {
        return row != null && row.containsKey(column) ? row.get(column) : ChangedValue.NO_COLUMN;
    }
}
