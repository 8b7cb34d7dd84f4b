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
 * @param values             the row as written ({@code id}, {@code name}, {@code email}); for a delete, the row as
 *                           last written before it was deleted. Unmodifiable.
 * @param transactionOrdinal the generator's own transaction counter, starting at 1
 * @param txId               PostgreSQL's transaction id ({@code pg_current_xact_id()}), which Debezium reports as
 *                           {@code source.txId}; {@code null} when unknown. It carries the xid epoch in its
 *                           high 32 bits, so it equals Debezium's 32-bit xid only until the first wraparound.
 */
public record LedgerEntry(long sequence, Op op, int key, Map<String, Object> values,
                          long transactionOrdinal, Long txId) {

    /**
     * @throws IllegalArgumentException when {@code op} is not a row change the generator makes
     */
    public LedgerEntry {
        requireRowChange(op);
        values = unmodifiableCopy(values);
    }

    static void requireRowChange(Op op) {
        Objects.requireNonNull(op, "op");
        if (op != Op.CREATE && op != Op.UPDATE && op != Op.DELETE) {
            throw new IllegalArgumentException("A ledger records only CREATE, UPDATE and DELETE, not " + op);
        }
    }

    static Map<String, Object> unmodifiableCopy(Map<String, Object> values) {
        Objects.requireNonNull(values, "values");
        // Map.copyOf would reject null column values, which a row may legitimately hold.
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
