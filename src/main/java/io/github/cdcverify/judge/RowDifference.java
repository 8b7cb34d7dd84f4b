package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEventPrinter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Names the fields in which two rows differ, so that a failure on a wide row points at the column at once. */
final class RowDifference {

    private RowDifference() {
    }

    /** E.g. {@code differences: email expected "a@x" but was "b@x"; missing: [age]; unexpected: [note]}. */
    static String describe(Map<String, ?> expected, Map<String, ?> actual) {
        if (expected == null || actual == null) {
            return "differences: " + (expected == null ? "expected no row" : "there is no row");
        }
        List<String> parts = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, ?> entry : expected.entrySet()) {
            if (!actual.containsKey(entry.getKey())) {
                missing.add(entry.getKey());
            } else if (!ColumnComparison.loosely(entry.getValue(), actual.get(entry.getKey()))) {
                parts.add(entry.getKey() + " expected " + ChangeEventPrinter.toJson(entry.getValue()) + " but was "
                        + ChangeEventPrinter.toJson(actual.get(entry.getKey())));
            }
        }
        List<String> unexpected = actual.keySet().stream().filter(key -> !expected.containsKey(key)).toList();
        if (!missing.isEmpty()) {
            parts.add("missing: " + missing);
        }
        if (!unexpected.isEmpty()) {
            parts.add("unexpected: " + unexpected);
        }
        return "differences: " + String.join("; ", parts);
    }
}
