package io.github.cdcverify.generate;

import io.github.cdcverify.setup.TableName;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger of one table the {@link SchemaFiller} wrote, for tables of any key: each primary key value (one column
 * or several, of integer, text or uuid type) is numbered in order of first appearance, and the ledger records that
 * number as the key, so that the stream is checked per key whatever the key's shape. A change event's key is turned
 * into the same number by {@link #keyOf(Map)}.
 *
 * @param table           the table
 * @param ledger          every committed change of the mix, keyed by key number
 * @param keyColumns      the primary key's columns, in order
 * @param comparedColumns the columns the ledger records (the row values of every entry)
 * @param leftOut         columns left out of the comparison, each with its type (no comparable form)
 * @param problem         why the ledger cannot be compared, e.g. a table without a primary key; empty when it can
 */
public record TableLedger(TableName table, Ledger ledger, List<String> keyColumns, List<String> comparedColumns,
                          Map<String, String> leftOut, Optional<String> problem, KeyNumbers keys) {

    /** Key values, as text, to key numbers. Thread-safe. */
    public static final class KeyNumbers {
        private final Map<List<String>, Integer> numbers = new HashMap<>();
        private final Map<Integer, List<String>> values = new HashMap<>();

        synchronized int number(List<String> key) {
            return numbers.computeIfAbsent(key, k -> {
                int number = numbers.size() + 1;
                values.put(number, k);
                return number;
            });
        }

        synchronized List<String> values(int number) {
            return values.getOrDefault(number, List.of());
        }

        synchronized Integer find(List<String> key) {
            return numbers.get(key);
        }
    }

    /** The key a number stands for, for messages, e.g. {@code (order_id=3, line_no=7)}. */
    public String describeKey(long number) {
        List<String> values = keys.values((int) number);
        if (values.isEmpty()) {
            return "#" + number;
        }
        StringBuilder key = new StringBuilder("(");
        for (int i = 0; i < keyColumns.size(); i++) {
            key.append(i == 0 ? "" : ", ").append(keyColumns.get(i)).append('=').append(values.get(i));
        }
        return key.append(')').toString();
    }

    /**
     * The key number of a change event's key (or row image), by the key columns' values; empty for a key the mix never
     * wrote (e.g. a seed row only the snapshot read) or one without every key column.
     */
    public Optional<Integer> keyOf(Map<String, Object> keyValues) {
        if (keyValues == null || !keyValues.keySet().containsAll(keyColumns)) {
            return Optional.empty();
        }
        return Optional.ofNullable(keys.find(keyColumns.stream().map(column -> String.valueOf(keyValues.get(column)))
                .toList()));
    }
}
