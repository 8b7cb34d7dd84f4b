package io.github.cdcverify.datacheck;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdcverify.judge.ConnectJsonReader;
import io.github.cdcverify.judge.JsonBytes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The topic of a table without a key under REPLICA IDENTITY FULL, folded into the multiset of its rows: a create or
 * snapshot read adds the row ({@code after}), an update removes its {@code before} and adds its {@code after}, a
 * delete removes its {@code before}, a truncate removes every row. Under FULL, {@code before} is the whole old row,
 * written by the same converter with the same schema as the {@code after} that added it, so rows are matched by
 * their bytes. Additions and removals are counted, not applied in order: the events of different partitions come
 * interleaved in no order across partitions, so a row's removal may be read before the event that added it. A row
 * removed more often than added by the end (history deleted by retention, or an event lost) is counted.
 */
final class RowMultiset {

    private static final int UNREADABLE_KEPT = 10;

    private final ConnectJsonReader reader = new ConnectJsonReader();
    /** Each row's JSON (its bytes as Latin-1 text: one char a byte) and how many times the topic holds it. */
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, Map<String, JsonNode>> schemas = new HashMap<>();
    private final List<String> unreadable = new ArrayList<>();
    private final int[] found = new int[6];
    private long unreadableCount;
    private long events;
    /** Updates and deletes without a before row (not under REPLICA IDENTITY FULL). */
    private long removalsWithoutRow;

    /** Folds every record {@code reader} has up to the topic's end offsets of now. */
    long readToEnd(PartitionReaders reader, Duration timeout) {
        return reader.readToEnd(record -> add(record.topic() + "-" + record.partition() + "@"
                + record.offset(), record.value()), timeout);
    }

    /** Folds one record's value; a null value (a tombstone) changes nothing. */
    void add(String position, byte[] value) {
        if (value == null) {
            return;
        }
        events++;
        try {
            ConnectJsonReader.Located at = reader.locate(value);
            int start = JsonBytes.skipWhitespace(value, at.payloadStart());
            if (start < value.length && value[start] == 'n') {
                return;
            }
            java.util.Arrays.fill(found, -1);
            JsonBytes.walkFields(value, start, (nameFrom, nameTo, valueFrom, valueTo) -> {
                int slot = is(value, nameFrom, nameTo, "before") ? 0 : is(value, nameFrom, nameTo, "after") ? 2
                        : is(value, nameFrom, nameTo, "op") ? 4 : -1;
                if (slot >= 0) {
                    found[slot] = valueFrom;
                    found[slot + 1] = valueTo;
                }
                return true;
            });
            if (found[4] < 0 || found[2] < 0) {
                unreadable(position + ": not a Debezium envelope with op, before and after; a table without a key "
                        + "is compared by its events' before and after rows");
                return;
            }
            char op = found[5] - found[4] == 3 ? (char) value[found[4] + 1] : '?';
            Map<String, JsonNode> rowSchemas = at.schema() == null ? Map.of() : at.schema().afterFields();
            switch (op) {
                case 'c', 'r' -> add(text(value, 2), rowSchemas);
                case 'u' -> {
                    remove(text(value, 0));
                    add(text(value, 2), rowSchemas);
                }
                case 'd' -> remove(text(value, 0));
                case 't' -> counts.clear();
                default -> {
                    // A message ('m') or an operation of a later Debezium: no row of the table.
                }
            }
        } catch (IOException | RuntimeException e) {
            unreadable(position + ": " + e.getMessage());
        }
    }

    private static boolean is(byte[] bytes, int from, int to, String name) {
        return to - from == name.length() && new String(bytes, from, to - from, StandardCharsets.ISO_8859_1)
                .equals(name);
    }

    /** The value in slot 0 (before) or 2 (after), or null when it is JSON null. */
    private String text(byte[] value, int slot) {
        int from = found[slot];
        return value[from] == 'n' ? null : new String(value, from, found[slot + 1] - from,
                StandardCharsets.ISO_8859_1);
    }

    private void add(String row, Map<String, JsonNode> rowSchemas) {
        if (row != null) {
            schemas.putIfAbsent(row, rowSchemas);
            change(row, 1);
        }
    }

    private void remove(String row) {
        if (row == null) {
            removalsWithoutRow++;
        } else {
            change(row, -1);
        }
    }

    /** Adds {@code by} to the row's count, which may go below zero until the event that added the row is read. */
    private void change(String row, int by) {
        int count = counts.getOrDefault(row, 0) + by;
        if (count == 0) {
            counts.remove(row);
            schemas.remove(row);
        } else {
            counts.put(row, count);
        }
    }

    private void unreadable(String what) {
        unreadableCount++;
        if (unreadable.size() < UNREADABLE_KEPT) {
            unreadable.add(what);
        }
    }

    /** Each distinct row's JSON and how many times the topic holds it (rows removed more often than added left out). */
    Map<String, Integer> counts() {
        Map<String, Integer> held = new HashMap<>();
        counts.forEach((row, count) -> {
            if (count > 0) {
                held.put(row, count);
            }
        });
        return held;
    }

    /** The Connect schemas of a row's columns (empty without schemas). */
    Map<String, JsonNode> schemas(String row) {
        return schemas.getOrDefault(row, Map.of());
    }

    /** Updates and deletes whose {@code before} row the topic never added. */
    long removalsUnmatched() {
        long unmatched = removalsWithoutRow;
        for (int count : counts.values()) {
            if (count < 0) {
                unmatched -= count;
            }
        }
        return unmatched;
    }

    long events() {
        return events;
    }

    List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    long unreadableCount() {
        return unreadableCount;
    }
}
