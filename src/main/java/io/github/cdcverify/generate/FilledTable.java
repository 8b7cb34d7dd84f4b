package io.github.cdcverify.generate;

import io.github.cdcverify.generate.TableShape.ColumnShape;
import io.github.cdcverify.generate.TableShape.ForeignKey;
import io.github.cdcverify.setup.TableName;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One table the {@link SchemaFiller} writes: its shape, its live rows as last written, its ledger. */
final class FilledTable {

    final TableShape shape;
    final Ledger ledger = new Ledger();
    final TableLedger.KeyNumbers keyNumbers = new TableLedger.KeyNumbers();
    final List<String> compared = new ArrayList<>();
    final Map<String, String> leftOut = new LinkedHashMap<>();
    // live rows by key number: the row as read back (JDBC values), for keys, foreign keys and before images
    final Map<Integer, Map<String, Object>> rows = new LinkedHashMap<>();
    final List<Integer> live = new ArrayList<>();
    final Map<String, List<String>> checkLiterals = new HashMap<>();
    String unfillable;
    long transactions;

    FilledTable(TableShape shape) {
        this.shape = shape;
        for (ColumnShape column : shape.columns()) {
            if (ComparableValues.compared(column)) {
                compared.add(column.name());
            } else {
                leftOut.put(column.name(), column.type());
            }
            checkLiterals.put(column.name(), ValueMaker.checkLiterals(shape, column.name()));
        }
        unfillable = keyProblem(shape);
        if (unfillable == null) {
            for (ColumnShape column : shape.columns()) {
                String unsupported = ValueMaker.unsupported(column);
                if (unsupported != null && column.notNull() && !column.hasDefault() && !column.generated()) {
                    unfillable = "column " + column.name() + " is NOT NULL without a default and has "
                            + unsupported;
                }
            }
        }
    }

    /** Why the ledger cannot check a table's changes by key (no primary key, a key type it does not take); or null. */
    static String keyProblem(TableShape shape) {
        if (shape.primaryKey().isEmpty()) {
            return "it has no primary key: its change events carry no key to check them by";
        }
        for (String key : shape.primaryKey()) {
            ColumnShape column = shape.column(key).orElseThrow();
            if (!List.of("int2", "int4", "int8", "text", "varchar", "bpchar", "uuid").contains(column.baseType())) {
                return "its primary key column " + key + " is of type " + column.type() + "; the ledger "
                        + "comparison takes keys of integer, text and uuid columns";
            }
        }
        return null;
    }

    TableName table() {
        return shape.table();
    }

    /** Columns written on insert: not generated, not numbered by PostgreSQL, not left to their defaults (updates set those). */
    List<ColumnShape> insertColumns() {
        return shape.columns().stream().filter(column -> !column.generated() && !column.sequenced()
                && ValueMaker.unsupported(column) == null && (!column.hasDefault()
                || shape.primaryKey().contains(column.name()) || inForeignKey(column.name()))).toList();
    }

    /** Columns an update may set: not part of a key or foreign key, not written by PostgreSQL. */
    List<ColumnShape> updatableColumns() {
        return shape.columns().stream().filter(column -> !column.generated() && !column.sequenced()
                && ValueMaker.unsupported(column) == null && !shape.primaryKey().contains(column.name())
                && !inForeignKey(column.name())).toList();
    }

    boolean inForeignKey(String column) {
        return shape.foreignKeys().stream().anyMatch(key -> key.columns().contains(column));
    }

    Optional<ForeignKey> foreignKeyOf(String column) {
        return shape.foreignKeys().stream().filter(key -> key.columns().contains(column)).findFirst();
    }

    /** The number of a row's key, numbering a new key. */
    int keyNumber(Map<String, Object> row) throws SQLException {
        List<String> key = new ArrayList<>();
        for (String column : shape.primaryKey()) {
            key.add(String.valueOf(ComparableValues.value(row.get(column))));
        }
        return keyNumbers.number(key);
    }

    void put(int key, Map<String, Object> row) {
        if (rows.put(key, row) == null) {
            live.add(key);
        }
    }

    void remove(int key) {
        rows.remove(key);
        live.remove(Integer.valueOf(key));
    }

    TableLedger tableLedger() {
        return new TableLedger(table(), ledger, shape.primaryKey(), List.copyOf(compared), Map.copyOf(leftOut),
                Optional.ofNullable(unfillable), keyNumbers);
    }
}
