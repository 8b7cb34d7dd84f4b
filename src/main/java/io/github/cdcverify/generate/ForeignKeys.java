package io.github.cdcverify.generate;

import io.github.cdcverify.generate.TableShape.ForeignKey;
import io.github.cdcverify.setup.TableName;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The {@link SchemaFiller}'s foreign keys: a child row takes every column of a key from one live parent row, and a
 * row is deleted only while no live row references it.
 */
final class ForeignKeys {

    private final List<FilledTable> tables;
    private final Map<TableName, FilledTable> byName;
    private final Random random;

    ForeignKeys(List<FilledTable> tables, Map<TableName, FilledTable> byName, Random random) {
        this.tables = tables;
        this.byName = byName;
        this.random = random;
    }

    /** Sets each foreign key's columns from one live parent row; the reason when a NOT NULL key has no parent. */
    String values(FilledTable table, Map<String, String> row) throws SQLException {
        for (ForeignKey key : table.shape.foreignKeys()) {
            FilledTable parent = byName.get(key.parent());
            boolean nullable = key.columns().stream().allMatch(column ->
                    !table.shape.column(column).orElseThrow().notNull());
            if (parent == null || parent.live.isEmpty() || (nullable && random.nextInt(5) == 0)) {
                if (nullable) {
                    key.columns().forEach(column -> row.put(column, null));
                    continue;
                }
                return "foreign key " + key.name() + " (" + String.join(", ", key.columns()) + ") needs a row of "
                        + key.parent().qualified() + ", which " + (parent == null ? "is not captured, so it was not "
                        + "filled" : parent.unfillable == null ? "has none" : "could not be filled: "
                        + parent.unfillable);
            }
            Map<String, Object> parentRow = parent.rows.get(parent.live.get(random.nextInt(parent.live.size())));
            for (int i = 0; i < key.columns().size(); i++) {
                row.put(key.columns().get(i), ComparableValues.literal(parentRow.get(key.referenced().get(i))));
            }
        }
        return null;
    }

    /** Whether a live row of any table references the row: deleting it would fail or cascade. */
    boolean referenced(FilledTable parent, int key) throws SQLException {
        Map<String, Object> parentRow = parent.rows.get(key);
        for (FilledTable child : tables) {
            for (ForeignKey foreignKey : child.shape.foreignKeys()) {
                if (!foreignKey.parent().equals(parent.table())) {
                    continue;
                }
                for (Map<String, Object> childRow : child.rows.values()) {
                    boolean same = true;
                    for (int i = 0; i < foreignKey.columns().size() && same; i++) {
                        Object value = childRow.get(foreignKey.columns().get(i));
                        same = value != null && String.valueOf(ComparableValues.literal(value)).equals(
                                ComparableValues.literal(parentRow.get(foreignKey.referenced().get(i))));
                    }
                    if (same) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
