package io.github.cdcverify.datacheck;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdcverify.judge.ColumnComparison.NotComparable;
import io.github.cdcverify.judge.ColumnComparison;
import io.github.cdcverify.setup.CaptureCatalog.Column;
import io.github.cdcverify.setup.TableName;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which of a table's columns a comparison with its topic compares, and the comparison of one table row with one topic
 * row, column by column: what the keyed and the keyless comparisons share. A column is left out, with one INFO line
 * saying why, when an accepted setting changes it ({@code --accept column...}), when Debezium has no mapping for its
 * type, sends a value of its own or streams only nulls of it ({@link UnmappedTypes}), or when a value cannot be judged exactly
 * ({@link NotComparable}); a column no event carries for any other reason is lost ({@link #lost}).
 */
final class ColumnsCompared {

    private final TableName table;
    private final List<Column> columns;
    private final Map<String, String> leftOut;
    private final UnmappedTypes unmapped;
    /** Whether a topic value is the placeholder of an unchanged TOASTed value no earlier event filled in. */
    private final Predicate<JsonNode> placeholder;
    /** Where the INFO lines go: the comparison's notes, each line once. */
    private final List<String> notes;
    private final Set<String> absent = new LinkedHashSet<>();

    ColumnsCompared(TableName table, List<Column> columns, Map<String, String> leftOut, UnmappedTypes unmapped,
                    Predicate<JsonNode> placeholder, List<String> notes) {
        this.table = table;
        this.columns = columns;
        this.leftOut = leftOut;
        this.unmapped = unmapped;
        this.placeholder = placeholder;
        this.notes = notes;
    }

    /** The columns to look for in the topic: all but those an accepted setting leaves out. */
    List<String> wanted() {
        return columns.stream().map(Column::name).filter(name -> !leftOut.containsKey(name)).toList();
    }

    /**
     * Records which wanted columns no topic row carries, given those some row does; notes those Debezium leaves out
     * by design. Called again after a re-read, it starts afresh.
     */
    void present(Collection<String> present) {
        absent.clear();
        wanted().stream().filter(name -> !present.contains(name)).forEach(absent::add);
        unmapped.explainAbsent(absent).forEach(this::note);
    }

    /** Columns no event carries although Debezium sends their type: lost on the way (an SMT, a setting). */
    List<String> lost() {
        return absent.stream().filter(column -> !unmapped.isUnmapped(column)).toList();
    }

    /** The differing columns as {@code (column: table value / topic value, ...)}; null when the rows agree. */
    String difference(Map<String, Object> tableRow, FoldedTopic.Row topicRow) {
        List<String> differing = new ArrayList<>();
        for (Column column : columns) {
            if (absent.contains(column.name()) || leftOut.containsKey(column.name())) {
                continue;
            }
            String valueOfItsOwn = unmapped.notComparable(column);
            if (valueOfItsOwn != null) {
                note(valueOfItsOwn);
                continue;
            }
            Object expected = tableRow.get(column.name());
            JsonNode received = topicRow.values().get(column.name());
            try {
                if (placeholder.test(received)) {
                    differing.add(column.name() + ": " + ColumnComparison.show(expected) + " / unavailable (only the "
                            + "placeholder of an unchanged TOASTed value, and no earlier event of this key holds the "
                            + "value)");
                } else if (unmapped.isUnmapped(column.name()) ? !UnmappedTypes.sameText(expected, received)
                        && !sameAsMapped(expected, received, topicRow.schemas().get(column.name()), column)
                        : !ColumnComparison.same(expected, received, topicRow.schemas().get(column.name()),
                        column.numericScale())) {
                    differing.add(column.name() + ": " + ColumnComparison.show(expected) + " / "
                            + ColumnComparison.show(received));
                }
            } catch (NotComparable e) {
                note("INFO " + table.qualified() + "." + column.name() + " (" + column.type() + ") is not compared: "
                        + e.getMessage());
            }
        }
        return differing.isEmpty() ? null : "(" + String.join(", ", differing) + ")";
    }

    /**
     * Whether a value of a type taken for unmapped equals the topic's as a mapped type's would: should Debezium map
     * the type after all. Not comparable that way counts as not equal, since its bytes did not match either.
     */
    private static boolean sameAsMapped(Object expected, JsonNode received, JsonNode schema, Column column) {
        try {
            return ColumnComparison.same(expected, received, schema, column.numericScale());
        } catch (NotComparable e) {
            return false;
        }
    }

    private void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }
}
