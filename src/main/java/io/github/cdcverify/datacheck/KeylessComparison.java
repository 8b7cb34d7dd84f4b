package io.github.cdcverify.datacheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdcverify.datacheck.TableTopicComparison.CatchUp;
import io.github.cdcverify.judge.ColumnComparison;
import io.github.cdcverify.judge.KeyValues;
import io.github.cdcverify.setup.CaptureCatalog.Column;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.KafkaEndpoint;
import io.github.cdcverify.time.BoundedWait;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The data check of a table without a key under REPLICA IDENTITY FULL: the table's rows and the topic's
 * ({@link RowMultiset}) compared as multisets of whole rows, duplicates counted, with the same column comparison as
 * keyed tables. A table row is matched with a topic row of equal columns; to find candidates fast, rows are grouped
 * by the text of their columns whose text is the same on both sides (integers, text, uuid, dates, booleans). What is
 * left on either side is reported with a few of its rows. A difference is read again (the whole topic's new events,
 * the whole table) until it goes away or {@code settle} has passed.
 */
public final class KeylessComparison {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RECHECK_PAUSE = Duration.ofMillis(500);
    private static final int SHOWN = 5;
    /** Column types whose value text ({@link KeyValues}) is the same from the table and from the topic. */
    private static final Set<String> GROUPING_TYPES = Set.of("smallint", "integer", "bigint", "text",
            "character varying", "uuid", "date", "boolean");

    private final Connection connection;
    private final TableName table;
    private final List<Column> columns;
    private final List<String> notes = new ArrayList<>();
    private Map<String, String> leftOut = Map.of();
    private boolean includeUnknownDatatypes;
    private ColumnsCompared compared;
    private CatchUp catchUp = timeout -> null;
    private CheckProgress progress = CheckProgress.silent();
    /** The rows the latest pass over the table read. */
    private long lastRows;

    private KeylessComparison(Connection connection, TableName table, List<Column> columns) {
        this.connection = connection;
        this.table = table;
        this.columns = columns;
    }

    public static KeylessComparison of(Connection connection, TableName table, List<Column> columns) {
        return new KeylessComparison(connection, table, columns);
    }

    /** Columns not to compare, each with the reason (see {@link TableTopicComparison#withColumnsLeftOut}). */
    public KeylessComparison withColumnsLeftOut(Map<String, String> reasonByColumn) {
        this.leftOut = Map.copyOf(reasonByColumn);
        reasonByColumn.forEach((column, reason) -> notes.add("INFO " + table.qualified() + "." + column
                + " is not compared: " + reason));
        return this;
    }

    /** The connector's {@code include.unknown.datatypes} (see {@link TableTopicComparison}); default false. */
    public KeylessComparison withIncludeUnknownDatatypes(boolean include) {
        this.includeUnknownDatatypes = include;
        return this;
    }

    /** What to wait for before a difference is read again; default nothing. */
    public KeylessComparison withCatchUp(CatchUp catchUp) {
        this.catchUp = catchUp;
        return this;
    }

    /** Where progress lines of long runs go; default nowhere. */
    public KeylessComparison withProgress(java.util.function.Consumer<String> lines) {
        this.progress = new CheckProgress(table.qualified(), lines, System::nanoTime,
                CheckProgress.DEFAULT_INTERVAL_NANOS);
        return this;
    }

    /** One side's rows left over, and a few of them shown. */
    private record Leftover(long count, List<String> shown) {
    }

    /** Reads the topic and the table and compares them as multisets, again until equal or {@code settle} passed. */
    public TableReport compare(KafkaEndpoint kafka, String topic, Duration settle) throws SQLException {
        Instant deadline = Instant.now().plus(settle);
        compared = new ColumnsCompared(table, columns, leftOut, UnmappedTypes.of(connection, table, columns,
                includeUnknownDatatypes), value -> false, notes);
        RowMultiset topicRows = new RowMultiset();
        try (PartitionReaders reader = PartitionReaders.open(kafka, topic, false, Map.of())) {
            Map<Integer, Long> trimmed = new TreeMap<>();
            reader.beginningOffsets().forEach((TopicPartition partition, Long start) -> {
                if (start > 0) {
                    trimmed.put(partition.partition(), start);
                }
            });
            topicRows.readToEnd(reader, READ_TIMEOUT);
            if (!trimmed.isEmpty()) {
                // The rows added before the first retained event are unknown: nothing can be proven either way.
                long rows = TableRows.stream(connection, table, columns, List.of(), (key, row) -> false).streamed();
                notes.add("INFO " + table.qualified() + " has no key, and its topic's earliest events are deleted: "
                        + "its rows are compared as a multiset, which needs every event since the snapshot");
                return new TableReport(table, topic, (int) rows, topicRows.events(), List.of(), notes, 0, (int) rows,
                        Map.copyOf(trimmed));
            }
            List<String> problems = compareOnce(topicRows);
            int rechecks = 0;
            if (!problems.isEmpty()) {
                String caughtUp = catchUp.await(TableTopicComparison.left(deadline));
                if (caughtUp != null) {
                    notes.add(caughtUp);
                }
                // Read the topic and the table again at once, then every pause, until equal or the settle time is up.
                AtomicReference<List<String>> still = new AtomicReference<>(problems);
                AtomicInteger reads = new AtomicInteger();
                BoundedWait.upTo(TableTopicComparison.left(deadline)).every(RECHECK_PAUSE).until(() -> {
                    reads.incrementAndGet();
                    topicRows.readToEnd(reader, READ_TIMEOUT);
                    still.set(compareOnce(topicRows));
                    return still.get().isEmpty();
                });
                problems = still.get();
                rechecks = reads.get();
            }
            if (!problems.isEmpty()) {
                problems.add("still so after re-reading both for " + settle.toSeconds() + " s");
            }
            return new TableReport(table, topic, (int) lastRows, topicRows.events(), problems, notes, rechecks, 0,
                    Map.of());
        }
    }

    /** One comparison of the whole table with the topic's rows as they are now; the problems found. */
    private List<String> compareOnce(RowMultiset topicRows) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, List<Candidate>> groups = new HashMap<>();
        Set<String> present = new LinkedHashSet<>();
        for (Map.Entry<String, Integer> entry : topicRows.counts().entrySet()) {
            FoldedTopic.Row row = parse(entry.getKey(), topicRows.schemas(entry.getKey()));
            present.addAll(row.values().keySet());
            groups.computeIfAbsent(group(row), k -> new ArrayList<>()).add(new Candidate(row, entry.getValue()));
        }
        compared.present(groups.isEmpty() ? compared.wanted() : present);
        long[] tableOnly = {0};
        List<String> tableOnlyShown = new ArrayList<>();
        progress.comparing();
        TableRows rows = TableRows.stream(connection, table, columns, List.of(), (key, tableRow) -> {
            progress.row();
            List<Candidate> candidates = groups.getOrDefault(group(tableRow), List.of());
            for (Candidate candidate : candidates) {
                if (candidate.remaining > 0 && compared.difference(tableRow, candidate.row) == null) {
                    candidate.remaining--;
                    return false;
                }
            }
            if (tableOnly[0]++ < SHOWN) {
                tableOnlyShown.add(showTable(tableRow));
            }
            return false;
        });
        lastRows = rows.streamed();
        long topicOnly = 0;
        List<String> topicOnlyShown = new ArrayList<>();
        for (List<Candidate> candidates : groups.values()) {
            for (Candidate candidate : candidates) {
                if (candidate.remaining > 0) {
                    topicOnly += candidate.remaining;
                    if (topicOnlyShown.size() < SHOWN) {
                        topicOnlyShown.add(showTopic(candidate.row) + (candidate.remaining > 1 ? " (" + candidate
                                .remaining + " times)" : ""));
                    }
                }
            }
        }
        add(problems, new Leftover(tableOnly[0], tableOnlyShown), " rows in the table not in the topic");
        add(problems, new Leftover(topicOnly, topicOnlyShown), " rows in the topic not in the table");
        List<String> lost = compared.lost();
        if (!lost.isEmpty()) {
            problems.add("columns never in the topic: " + String.join(", ", lost));
        }
        if (topicRows.removalsUnmatched() > 0) {
            problems.add(topicRows.removalsUnmatched() + " updates or deletes remove a row the topic never added "
                    + "(under REPLICA IDENTITY FULL their before holds the whole old row)");
        }
        if (topicRows.unreadableCount() > 0) {
            problems.add(topicRows.unreadableCount() + " events could not be read, e.g. "
                    + topicRows.unreadable().get(0));
        }
        return problems;
    }

    /** A topic row and how many of it are not matched with a table row yet. */
    private static final class Candidate {
        final FoldedTopic.Row row;
        int remaining;

        Candidate(FoldedTopic.Row row, int count) {
            this.row = row;
            this.remaining = count;
        }
    }

    private static void add(List<String> problems, Leftover leftover, String what) {
        if (leftover.count() > 0) {
            problems.add(String.format(Locale.ROOT, "%,d%s: %s%s", leftover.count(),
                    RowCount.agree(leftover.count(), what),
                    String.join(", ", leftover.shown()), leftover.count() > leftover.shown().size() ? ", ..." : ""));
        }
    }

    private static FoldedTopic.Row parse(String json, Map<String, JsonNode> schemas) throws SQLException {
        try {
            JsonNode values = JSON.readTree(json.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            Map<String, JsonNode> byColumn = new java.util.LinkedHashMap<>();
            values.fields().forEachRemaining(field -> byColumn.put(field.getKey(), field.getValue()));
            return new FoldedTopic.Row(byColumn, schemas);
        } catch (IOException e) {
            throw new SQLException("A row of the topic is no JSON: " + e.getMessage(), e);
        }
    }

    /** The text of the grouping columns of a topic row. */
    private String group(FoldedTopic.Row row) {
        return columns.stream().filter(this::groups).map(column -> KeyValues.ofTopic(column,
                row.values().get(column.name()), row.schemas().get(column.name())))
                .collect(Collectors.joining("\u0000"));
    }

    /** The text of the grouping columns of a table row. */
    private String group(Map<String, Object> row) {
        return columns.stream().filter(this::groups).map(column -> KeyValues.ofTable(column,
                row.get(column.name()))).collect(Collectors.joining("\u0000"));
    }

    private boolean groups(Column column) {
        return GROUPING_TYPES.contains(column.type()) && !leftOut.containsKey(column.name());
    }

    private String showTable(Map<String, Object> row) {
        return columns.stream().filter(column -> !leftOut.containsKey(column.name()))
                .map(column -> column.name() + "=" + ColumnComparison.show(row.get(column.name())))
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private String showTopic(FoldedTopic.Row row) {
        return columns.stream().filter(column -> !leftOut.containsKey(column.name()))
                .map(column -> column.name() + "=" + ColumnComparison.show(row.values().get(column.name())))
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
