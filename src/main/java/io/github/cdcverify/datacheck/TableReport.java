package io.github.cdcverify.datacheck;

import io.github.cdcverify.setup.TableName;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the comparison of one table with its topic found (keyed, {@link TableTopicComparison}, or keyless,
 * {@link KeylessComparison}).
 *
 * @param unverifiable rows of the table the topic can neither prove nor disprove, because the partitions' earliest
 *                     records are gone (retention): a row not changed since has no event left
 * @param trimmed      each partition whose earliest records are gone, with the first offset it still holds
 */
public record TableReport(TableName table, String topic, int rows, long events, List<String> problems,
                          List<String> notes, int rechecked, int unverifiable, Map<Integer, Long> trimmed) {

    public boolean clean() {
        return problems.isEmpty();
    }

    /** The rows compared: those of the table whose latest event the topic still holds. */
    public int compared() {
        return rows - unverifiable;
    }

    /** E.g. {@code partition 2 starts at offset 81,220}; empty when every partition holds its whole history. */
    public String trimmedDescription() {
        return String.join(", ", trimmed.entrySet().stream().map(entry -> String.format(Locale.ROOT,
                "partition %d starts at offset %,d", entry.getKey(), entry.getValue())).toList());
    }

    /** One paragraph: the table, its topic, each kind of problem with up to ten examples. */
    public String describe() {
        return table.qualified() + " (topic " + topic + ", " + rows + " rows, " + events + " events, "
                + rechecked + " keys re-checked): " + String.join("; ", problems);
    }

    /** Keys shown per kind of problem: the first ones show what is wrong, the count how often. */
    static final int SHOWN = 10;

    /** Adds {@code keys.size() + what: key, key, ...} (the first {@link #SHOWN} keys) unless there are none. */
    static void addProblem(List<String> problems, List<String> keys, String what) {
        if (!keys.isEmpty()) {
            problems.add(keys.size() + RowCount.agree(keys.size(), what) + ": " + String.join(", ",
                    keys.subList(0, Math.min(SHOWN, keys.size()))) + (keys.size() > SHOWN ? ", ..." : ""));
        }
    }
}
