package io.github.cdcverify.generate;

import io.github.cdcverify.event.Op;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One committed row change.
 *
 * @param sequence           position in global commit order, starting at 1
 * @param op                 {@link Op#CREATE}, {@link Op#UPDATE} or {@link Op#DELETE}
 * @param key                the row's {@code id}
 * @param values             every column of the row as written ({@code id}, {@code name}, {@code email},
 *                           {@code created_at} as read back with {@code RETURNING}); for a delete, the row as last
 *                           written before it was deleted. Unmodifiable.
 * @param before             for an update or delete, every column of the row before the change (what Debezium sends
 *                           as {@code before} under REPLICA IDENTITY FULL); for a delete the same as {@code values}.
 *                           {@code null} for a create, and for an update whose previous values were not recorded.
 * @param transactionOrdinal the generator's own transaction counter, starting at 1
 * @param txId               PostgreSQL's transaction id ({@code pg_current_xact_id()}), which Debezium reports as
 *                           {@code source.txId}; {@code null} when unknown. It carries the xid epoch in its
 *                           high 32 bits, so it equals Debezium's 32-bit xid only until the first wraparound.
 */
public record LedgerEntry(long sequence, Op op, int key, Map<String, Object> values, Map<String, Object> before,
                          long transactionOrdinal, Long txId) {

    /**
     * @throws IllegalArgumentException when {@code op} is not a row change the generator makes, or a create has a
     *                                  {@code before}
     */
    public LedgerEntry {
        requireRowChange(op);
        values = unmodifiableCopy(values);
        before = checkedBefore(op, values, before);
    }

    /** An entry without recorded previous values; a delete's previous values are the row it removed. */
    public LedgerEntry(long sequence, Op op, int key, Map<String, Object> values, long transactionOrdinal,
                       Long txId) {
        this(sequence, op, key, values, null, transactionOrdinal, txId);
    }

    static void requireRowChange(Op op) {
        Objects.requireNonNull(op, "op");
        if (op != Op.CREATE && op != Op.UPDATE && op != Op.DELETE) {
            throw new IllegalArgumentException("A ledger records only CREATE, UPDATE and DELETE, not " + op);
        }
    }

    /** A create has no previous row; a delete's previous row, when not given, is the row it removed. */
    static Map<String, Object> checkedBefore(Op op, Map<String, Object> values, Map<String, Object> before) {
        if (op == Op.CREATE && before != null) {
            throw new IllegalArgumentException("A create has no previous row, but got " + before);
        }
        if (op == Op.DELETE && before == null) {
            return values;
        }
        return before == null ? null : unmodifiableCopy(before);
    }

    static Map<String, Object> unmodifiableCopy(Map<String, Object> values) {
        Objects.requireNonNull(values, "values");
        // Map.copyOf would reject null column values, which a row may legitimately hold.
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
