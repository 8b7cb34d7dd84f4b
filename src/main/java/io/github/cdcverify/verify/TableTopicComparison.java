package io.github.cdcverify.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cdcverify.consume.TopicTail;
import io.github.cdcverify.setup.CaptureCatalog.Column;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.KafkaEndpoint;
import io.github.cdcverify.verify.ColumnComparison.NotComparable;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Does what reached a table's topic equal what is in the table? The topic is read from the beginning (every
 * partition) and folded by key to the latest row image ({@link FoldedTopic}); the table is read over JDBC; both are
 * compared key by key and column by column ({@link ColumnComparison}). The table keeps changing while this runs, so
 * every key that differs is looked at again — newer events read, the table read again — until it agrees or
 * {@code settle} has passed: a healthy busy pipeline converges, a broken one does not.
 */
public final class TableTopicComparison {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);
    private static final int SHOWN = 10;
    private static final String MISSING = "missing";
    private static final String EXTRA = "extra";

    /** What was found for one table. */
    public record Report(TableName table, String topic, int rows, long events, List<String> problems,
                         List<String> notes, int rechecked) {

        public boolean clean() {
            return problems.isEmpty();
        }

        /** One paragraph: the table, its topic, each kind of problem with up to ten examples. */
        public String describe() {
            return table.qualified() + " (topic " + topic + ", " + rows + " rows, " + events + " events, "
                    + rechecked + " keys re-checked): " + String.join("; ", problems);
        }
    }

    private final Connection connection;
    private final TableName table;
    private final List<Column> columns;
    private final List<String> keyColumns;
    private final List<String> notCompared = new ArrayList<>();
    private final FoldedTopic folded;

    private TableTopicComparison(Connection connection, TableName table, List<Column> columns,
                                 List<String> keyColumns, String placeholder) {
        this.connection = connection;
        this.table = table;
        this.columns = columns;
        this.keyColumns = keyColumns;
        this.folded = new FoldedTopic(placeholder);
    }

    /**
     * @param keyColumns  the table's primary key, which is the topic's key
     * @param placeholder the connector's {@code unavailable.value.placeholder} (see {@link FoldedTopic})
     * @param settle      how long differing keys may take to agree
     */
    public static Report compare(Connection connection, TableName table, List<Column> columns,
                                 List<String> keyColumns, String placeholder, KafkaEndpoint kafka, String topic,
                                 Duration settle) throws SQLException {
        return new TableTopicComparison(connection, table, columns, keyColumns, placeholder).run(kafka, topic, settle);
    }

    private Report run(KafkaEndpoint kafka, String topic, Duration settle) throws SQLException {
        try (TopicTail tail = TopicTail.of(kafka, topic)) {
            Consumer<ConsumerRecord<byte[], byte[]>> fold = record -> folded.add(record.topic() + "-"
                    + record.partition() + "@" + record.offset(), record.key(), record.value());
            tail.readToEnd(fold, READ_TIMEOUT);
            Map<String, Map<String, Object>> tableRows = readTable();
            Set<String> absent = absentColumns(folded);
            Map<String, String> differences = differences(tableRows, folded, absent);
            Set<String> rechecked = new LinkedHashSet<>(differences.keySet());
            Instant deadline = Instant.now().plus(settle);
            while (!differences.isEmpty() && Instant.now().isBefore(deadline)) {
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                tail.readToEnd(fold, READ_TIMEOUT);
                tableRows = readTable();
                differences = differences(tableRows, folded, absent);
                rechecked.addAll(differences.keySet());
            }
            return report(topic, tableRows.size(), folded, absent, differences, rechecked.size(), settle);
        }
    }

    private Report report(String topic, int rows, FoldedTopic folded, Set<String> absent,
                          Map<String, String> differences, int rechecked, Duration settle) {
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        differences.forEach((key, problem) -> (problem.equals(MISSING) ? missing : problem.equals(EXTRA) ? extra
                : differing).add(problem.equals(MISSING) || problem.equals(EXTRA) ? key : key + " " + problem));
        List<String> problems = new ArrayList<>();
        add(problems, missing, " rows missing from the topic (in the table, not in the topic)");
        add(problems, extra, " rows still in the topic but deleted from the table");
        add(problems, differing, " rows differ (column: table value / topic value)");
        if (!absent.isEmpty()) {
            problems.add("columns never in the topic: " + String.join(", ", absent));
        }
        if (!folded.unreadable().isEmpty()) {
            problems.add(folded.unreadable().size() + " events could not be read, e.g. " + folded.unreadable().get(0));
        }
        if (!differences.isEmpty()) {
            problems.add("still so after re-reading both for " + settle.toSeconds() + " s");
        }
        if (folded.placeholdersFilled() > 0) {
            notCompared.add("INFO " + table.qualified() + ": " + folded.placeholdersFilled() + " unchanged TOASTed "
                    + "values arrived as the placeholder " + folded.placeholder() + " (REPLICA IDENTITY "
                    + "DEFAULT); each was taken from its key's earlier event, as a consumer keeping a copy must");
        }
        return new Report(table, topic, rows, folded.events(), problems, notCompared, rechecked);
    }

    private static void add(List<String> problems, List<String> keys, String what) {
        if (!keys.isEmpty()) {
            problems.add(keys.size() + what + ": " + String.join(", ", keys.subList(0, Math.min(SHOWN, keys.size())))
                    + (keys.size() > SHOWN ? ", ..." : ""));
        }
    }

    private Map<String, String> differences(Map<String, Map<String, Object>> tableRows, FoldedTopic folded,
                                            Set<String> absent) {
        Map<String, String> differences = new TreeMap<>();
        for (Map.Entry<String, Map<String, Object>> row : tableRows.entrySet()) {
            FoldedTopic.Row image = folded.rows().get(row.getKey());
            if (image == null) {
                differences.put(row.getKey(), MISSING);
                continue;
            }
            String difference = difference(row.getValue(), image, absent);
            if (difference != null) {
                differences.put(row.getKey(), difference);
            }
        }
        folded.rows().keySet().stream().filter(key -> !tableRows.containsKey(key))
                .forEach(key -> differences.put(key, EXTRA));
        return differences;
    }

    private String difference(Map<String, Object> tableRow, FoldedTopic.Row image, Set<String> absent) {
        List<String> columnsDiffering = new ArrayList<>();
        for (Column column : columns) {
            if (absent.contains(column.name())) {
                continue;
            }
            Object expected = tableRow.get(column.name());
            JsonNode received = image.values().get(column.name());
            try {
                if (folded.isPlaceholder(received)) {
                    columnsDiffering.add(column.name() + ": " + ColumnComparison.show(expected) + " / unavailable (only the "
                            + "placeholder of an unchanged TOASTed value, and no earlier event of this key holds "
                            + "the value)");
                } else if (!ColumnComparison.same(expected, received, image.schemas().get(column.name()),
                        column.numericScale())) {
                    columnsDiffering.add(column.name() + ": " + ColumnComparison.show(expected) + " / " + ColumnComparison.show(received));
                }
            } catch (NotComparable e) {
                String note = "INFO " + table.qualified() + "." + column.name() + " (" + column.type()
                        + ") is not compared: cdc-verify does not judge this type yet";
                if (!notCompared.contains(note)) {
                    notCompared.add(note);
                }
            }
        }
        return columnsDiffering.isEmpty() ? null : "(" + String.join(", ", columnsDiffering) + ")";
    }

    /** Table columns that no folded row carries: excluded by the connector's settings or an SMT. */
    private Set<String> absentColumns(FoldedTopic folded) {
        Set<String> absent = new LinkedHashSet<>();
        if (folded.rows().isEmpty()) {
            return absent;
        }
        for (Column column : columns) {
            if (folded.rows().values().stream().noneMatch(row -> row.values().containsKey(column.name()))) {
                absent.add(column.name());
            }
        }
        return absent;
    }

    private Map<String, Map<String, Object>> readTable() throws SQLException {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM " + table.quoted());
             ResultSet result = select.executeQuery()) {
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (Column column : columns) {
                    row.put(column.name(), value(result, column));
                }
                Map<String, Object> key = new LinkedHashMap<>();
                keyColumns.forEach(name -> key.put(name, row.get(name)));
                rows.put(FoldedTopic.keyText(key), row);
            }
        }
        return rows;
    }

    /** Temporal columns are read as java.time values, so that no JVM time zone comes between. */
    private static Object value(ResultSet result, Column column) throws SQLException {
        return switch (column.type()) {
            case "timestamp with time zone" -> result.getObject(column.name(), OffsetDateTime.class);
            case "timestamp without time zone" -> result.getObject(column.name(), LocalDateTime.class);
            case "date" -> result.getObject(column.name(), LocalDate.class);
            default -> result.getObject(column.name());
        };
    }
}
