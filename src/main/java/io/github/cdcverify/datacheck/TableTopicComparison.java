package io.github.cdcverify.datacheck;

import io.github.cdcverify.judge.ColumnComparison;
import io.github.cdcverify.setup.CaptureCatalog.Column;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.KafkaEndpoint;
import io.github.cdcverify.time.BoundedWait;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Does what reached a table's topic equal what is in the table? The topic is read from the beginning (every
 * partition) and folded by key to the latest row image ({@link FoldedTopic}); the table is streamed over JDBC
 * ({@link TableRows}), each row looked up in the fold by its key and compared column by column
 * ({@link ColumnComparison}); keys of the fold no row asked for are extra. A long run logs its progress
 * ({@link CheckProgress}). The table keeps changing while this runs, so
 * when keys differ it first waits for the connector to catch up ({@link CatchUp}), then reads those keys again —
 * newer events from the topic, only those rows from the table ({@link TableRows}) — until they agree or
 * {@code settle} has passed: a healthy busy pipeline converges, a broken one does not.
 */
public final class TableTopicComparison {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RECHECK_PAUSE = Duration.ofMillis(500);
    private static final String MISSING = "missing";
    private static final String EXTRA = "extra";

    /**
     * Waits until the connector has streamed past the point where the check began, before differing keys are read
     * again; returns a line that says what happened (for the report's notes).
     */
    @FunctionalInterface
    public interface CatchUp {
        String await(Duration timeout) throws SQLException;
    }

    private final Connection connection;
    private final TableName table;
    private final List<Column> columns;
    private final List<String> keyColumns;
    private final List<String> notCompared = new ArrayList<>();
    private Map<String, String> leftOut = Map.of();
    private boolean historyComplete;
    private boolean includeUnknownDatatypes;
    private boolean readerPerPartition;
    private Map<String, ?> consumerSettings = Map.of();
    private ColumnsCompared compared;
    private FoldedTopic folded;
    private CatchUp catchUp = timeout -> null;
    private CheckProgress progress = CheckProgress.silent();

    private TableTopicComparison(Connection connection, TableName table, List<Column> columns,
                                 List<String> keyColumns) {
        this.connection = connection;
        this.table = table;
        this.columns = columns;
        this.keyColumns = keyColumns;
        this.folded = FoldedTopic.keyedBy(columns, keyColumns);
    }

    /**
     * @param keyColumns the table's primary key, which is the topic's key
     */
    public static TableTopicComparison of(Connection connection, TableName table, List<Column> columns,
                                          List<String> keyColumns) {
        return new TableTopicComparison(connection, table, columns, keyColumns);
    }

    /** The connector's {@code unavailable.value.placeholder} (see {@link FoldedTopic}); default Debezium's. */
    public TableTopicComparison withPlaceholder(String placeholder) {
        this.folded = folded.withPlaceholder(placeholder);
        return this;
    }

    /**
     * Columns not to compare, each with the reason (e.g. an accepted {@code column.exclude.list}): they are neither
     * reported as never in the topic nor as differing, and one INFO line per column says why.
     */
    public TableTopicComparison withColumnsLeftOut(Map<String, String> reasonByColumn) {
        this.leftOut = Map.copyOf(reasonByColumn);
        reasonByColumn.forEach((column, reason) -> notCompared.add("INFO " + table.qualified() + "." + column
                + " is not compared: " + reason));
        return this;
    }

    /**
     * For a topic several tables share ({@code ByLogicalTableRouter}): only the records whose key field
     * {@code keyField} holds {@code value} are this table's; the field is left out of the key.
     */
    public TableTopicComparison withMergedTopic(String keyField, String value) {
        this.folded = folded.onlyKeysWith(keyField, value);
        return this;
    }

    /**
     * Whether every row has a retained event although partitions were trimmed (the connector re-read the table by a
     * snapshot just before): then a row without one is missing, not unverifiable. Default false.
     */
    public TableTopicComparison withCompleteHistory(boolean complete) {
        this.historyComplete = complete;
        return this;
    }

    /**
     * The connector's {@code include.unknown.datatypes}: whether columns of types Debezium has no mapping for are in
     * its events, as the bytes of their text ({@link UnmappedTypes}). Default false, as Debezium's.
     */
    public TableTopicComparison withIncludeUnknownDatatypes(boolean include) {
        this.includeUnknownDatatypes = include;
        return this;
    }

    /**
     * Whether each partition of the topic is read by a consumer in a thread of its own ({@link PartitionReaders});
     * default false: on 2 cores the one consumer of every partition was faster ({@code bench --data-check}).
     */
    public TableTopicComparison withReaderPerPartition(boolean perPartition) {
        this.readerPerPartition = perPartition;
        return this;
    }

    /** Settings of the topic's consumers over the comparison's own (for measuring others); default none. */
    public TableTopicComparison withConsumerSettings(Map<String, ?> settings) {
        this.consumerSettings = Map.copyOf(settings);
        return this;
    }

    /** What to wait for before differing keys are read again; default nothing. */
    public TableTopicComparison withCatchUp(CatchUp catchUp) {
        this.catchUp = catchUp;
        return this;
    }

    /** Where progress lines of long runs go ({@link CheckProgress}); default nowhere. */
    public TableTopicComparison withProgress(Consumer<String> lines) {
        return withProgress(new CheckProgress(table.qualified(), lines, System::nanoTime,
                CheckProgress.DEFAULT_INTERVAL_NANOS));
    }

    TableTopicComparison withProgress(CheckProgress progress) {
        this.progress = progress;
        return this;
    }

    /**
     * Reads the topic and the table, compares them, and reads every differing key again on both sides until it
     * agrees or {@code settle} has passed (the catch-up wait included).
     */
    public TableReport compare(KafkaEndpoint kafka, String topic, Duration settle) throws SQLException {
        Instant deadline = Instant.now().plus(settle);
        compared = new ColumnsCompared(table, columns, leftOut, UnmappedTypes.of(connection, table, columns,
                includeUnknownDatatypes), folded::isPlaceholder, notCompared);
        try (PartitionReaders reader = PartitionReaders.open(kafka, topic, readerPerPartition, consumerSettings)) {
            HeapWatch heap = HeapWatch.ofThisJvm(table.qualified());
            Consumer<ConsumerRecord<byte[], byte[]>> fold = record -> {
                folded.add(record.topic(), record.partition(), record.offset(), record.key(), record.value());
                progress.event();
                String heapWarning = heap.afterEvent(folded.keptBytes(), folded.size());
                if (heapWarning != null) {
                    progress.tell(heapWarning);
                    notCompared.add("WARN " + heapWarning);
                }
            };
            Map<Integer, Long> trimmed = new TreeMap<>();
            Map<TopicPartition, Long> beginning = reader.beginningOffsets();
            beginning.forEach((partition, start) -> {
                if (start > 0) {
                    trimmed.put(partition.partition(), start);
                }
            });
            long total = 0;
            for (Map.Entry<TopicPartition, Long> end : reader.endOffsets().entrySet()) {
                total += end.getValue() - beginning.getOrDefault(end.getKey(), 0L);
            }
            progress.expectEvents(total);
            reader.readToEnd(fold, READ_TIMEOUT);
            progress.comparing();
            progress.expectRows(TableRows.estimatedRows(connection, table));
            findPresentColumns();
            Map<String, String> found = new TreeMap<>();
            TableRows tableRows = TableRows.stream(connection, table, columns, keyColumns, (key, row) -> {
                progress.row();
                FoldedTopic.Image image = folded.image(key);
                String difference = image == null ? MISSING : difference(row, image);
                if (image != null) {
                    image.seen = true;
                }
                if (difference != null) {
                    found.put(key, difference);
                }
                return difference != null;
            });
            Map<String, String> differences = found;
            int rows = (int) tableRows.streamed();
            for (String key : folded.keysNotSeen()) {
                differences.put(key, EXTRA);
            }
            // Without the partitions' beginning, a row without events may simply not have changed since: not
            // provable either way. Keys whose latest event is retained, and rows the table no longer has, still are.
            int unverifiable = 0;
            if (!trimmed.isEmpty() && !historyComplete) {
                int before = differences.size();
                differences.values().removeIf(MISSING::equals);
                unverifiable = before - differences.size();
            }
            Set<String> rechecked = new LinkedHashSet<>(differences.keySet());
            if (!differences.isEmpty()) {
                addNote(catchUp.await(left(deadline)));
                // Read both sides again at once, then every pause, until they agree or the settle time is up.
                AtomicReference<Map<String, String>> still = new AtomicReference<>(differences);
                TableRows[] reread = {tableRows};
                BoundedWait.upTo(left(deadline)).every(RECHECK_PAUSE).until(() -> {
                    reader.readToEnd(fold, READ_TIMEOUT);
                    reread[0] = reread[0].reread(still.get().keySet(), this::topicRow);
                    still.set(differences(reread[0], still.get().keySet()));
                    rechecked.addAll(still.get().keySet());
                    return still.get().isEmpty();
                });
                differences = still.get();
            }
            return report(topic, rows, folded, differences, rechecked.size(), settle, unverifiable,
                    trimmed);
        }
    }

    static Duration left(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private FoldedTopic.Row topicRow(String key) {
        try {
            return folded.row(key);
        } catch (IOException e) {
            return null;
        }
    }

    private void addNote(String note) {
        if (note != null) {
            notCompared.add(note);
        }
    }

    private TableReport report(String topic, int rows, FoldedTopic folded, Map<String, String> differences, int rechecked, Duration settle, int unverifiable,
                          Map<Integer, Long> trimmed) {
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        differences.forEach((key, problem) -> (problem.equals(MISSING) ? missing : problem.equals(EXTRA) ? extra
                : differing).add(problem.equals(MISSING) || problem.equals(EXTRA) ? key : key + " " + problem));
        List<String> problems = new ArrayList<>();
        TableReport.addProblem(problems, missing, " rows missing from the topic (in the table, not in the topic)");
        TableReport.addProblem(problems, extra, " rows still in the topic but deleted from the table");
        TableReport.addProblem(problems, differing, " rows differ (column: table value / topic value)");
        List<String> lost = compared.lost();
        if (!lost.isEmpty()) {
            problems.add("columns never in the topic: " + String.join(", ", lost));
        }
        if (!folded.unreadable().isEmpty()) {
            problems.add(folded.unreadableCount() + " events could not be read, e.g. " + folded.unreadable().get(0));
        }
        if (!differences.isEmpty()) {
            problems.add("still so after re-reading both for " + settle.toSeconds() + " s");
        }
        if (folded.placeholdersFilled() > 0) {
            notCompared.add("INFO " + table.qualified() + ": " + folded.placeholdersFilled() + " unchanged TOASTed "
                    + "values arrived as the placeholder " + folded.placeholder() + " (REPLICA IDENTITY "
                    + "DEFAULT); each was taken from its key's earlier event, as a consumer keeping a copy must");
        }
        return new TableReport(table, topic, rows, folded.events(), problems, notCompared, rechecked, unverifiable,
                Map.copyOf(trimmed));
    }

    /** For each key: missing from the topic, extra in it, or its differing columns; agreeing keys are left out. */
    private Map<String, String> differences(TableRows tableRows, Collection<String> keys)
            throws SQLException {
        Map<String, String> differences = new TreeMap<>();
        for (String key : keys) {
            Map<String, Object> row = tableRows.row(key);
            FoldedTopic.Row image = topicRow(key);
            String difference = row == null ? (image == null ? null : EXTRA)
                    : image == null ? MISSING : difference(row, image);
            if (difference != null) {
                differences.put(key, difference);
            }
        }
        return differences;
    }

    private String difference(Map<String, Object> tableRow, FoldedTopic.Image image) {
        try {
            return compared.difference(tableRow, image.row());
        } catch (IOException e) {
            return "(its latest event's row is no JSON: " + e.getMessage() + ")";
        }
    }

    private String difference(Map<String, Object> tableRow, FoldedTopic.Row image) {
        return compared.difference(tableRow, image);
    }

    /** Which columns the folded rows carry: those none does were left out by the connector's settings or an SMT. */
    private void findPresentColumns() throws SQLException {
        List<String> wanted = compared.wanted();
        try {
            compared.present(folded.size() == 0 ? wanted : folded.fieldsPresent(wanted));
        } catch (IOException e) {
            throw new SQLException("A folded row of " + table.qualified() + " is no JSON: " + e.getMessage(), e);
        }
    }
}
