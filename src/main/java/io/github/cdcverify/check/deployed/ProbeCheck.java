package io.github.cdcverify.check.deployed;

import io.github.cdcverify.check.CheckOutcome;
import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.consume.TopicReader;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.generate.Generator;
import io.github.cdcverify.generate.GeneratorSettings;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.generate.Mix;
import io.github.cdcverify.judge.RecordFormat;
import io.github.cdcverify.judge.Verdict;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.CaptureCatalog;
import io.github.cdcverify.setup.ConnectorTopicWait;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.PostgresEndpoint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.github.cdcverify.judge.CdcAssertions.assertThat;

/**
 * Writes a generated mix of inserts, updates and deletes with a ledger to a table the user set aside
 * ({@code --probe-table}), then its deletes of every row it wrote, and checks them as the deployed connector
 * delivered them to the table's topic, in the connector's own format: every committed change arrives, per key in
 * commit order, with every column as written, and a tombstone after each delete where the connector sends them
 * (the {@code ordering} check's rules). Duplicates are counted as a {@code WARN}: a deployed pipeline delivers at
 * least once, and a replay after a task restart fails no order check for the events it repeats. The topic is read on every partition from the end offsets taken before writing, so older events are
 * not looked at. Writes rows only: no table, connector, slot or topic is created, and the table is left empty, as
 * it was found.
 */
final class ProbeCheck extends DeployedCheck {

    /** The probe's mix when {@code --changes} is not given: enough for updates and deletes of many keys. */
    static final int DEFAULT_CHANGES = 200;
    private static final int ROWS_PER_TRANSACTION = 3;
    private static final int SHOWN = 10;

    private final TableName table;
    private final int changes;
    private final Duration wait;

    /**
     * @param wait how long the probe's events may take to arrive after its last write
     */
    ProbeCheck(String connector, TableName table, int changes, Duration wait) {
        super("probe", "changes", connector);
        this.table = table;
        this.changes = changes;
        this.wait = wait;
    }

    @Override
    protected CheckOutcome check(CdcStack stack, ConnectClient connect, DeployedConnector deployed) throws Exception {
        if (!ConnectorStatusCheck.status(connect, connector).isRunning()) {
            return new CheckOutcome.CouldNotCheck("Connector " + connector + " and its tasks are not all RUNNING (see the "
                    + "status check), so the probe wrote nothing: its changes could not arrive. Run it again once "
                    + "the connector runs.");
        }
        deployed.requireSameDatabase(stack.postgres());
        deployed.requireReadableRecords(name());
        RecordFormat format = RecordFormat.of(deployed.config());
        String topic = deployed.topic(table);
        Ledger ledger = new Ledger();
        Map<Integer, Long> start;
        boolean keyOnlyDeletes;
        try (Connection connection = PostgresConnections.open(stack.postgres())) {
            CaptureCatalog catalog = new CaptureCatalog(connection);
            ProbeTable.requireUsable(deployed, catalog, connection, table);
            keyOnlyDeletes = catalog.replicaIdentity(table) == 'd';
            start = TopicReader.endOffsets(stack.kafka(), topic);
            write(stack.postgres(), connection, ledger);
        }
        ConnectorTopicWait.await(stack.kafka(), topic, connect, connector, CapturedTable.TOPIC_TIMEOUT);
        ProbeReading reading = ProbeReading.of(stack.kafka(), topic, start, format, keyOnlyDeletes, ledger, wait);
        noteAll(format.notes());
        if (keyOnlyDeletes) {
            note("INFO probe: " + table.qualified() + " has REPLICA IDENTITY DEFAULT, so a delete carries only "
                    + "the key: the other columns of its before image (null, or the column's default filled in by "
                    + "the converter or transform) are not compared");
        }
        note("INFO probe: read " + reading.events().size() + " events of its rows from " + topic + " (every "
                + "partition, from the end offsets taken before writing)" + (reading.otherKeys() == 0 ? ""
                : ", and left out " + reading.otherKeys() + " events of rows it did not write"));
        try {
            judge(ledger, reading, format);
        } catch (AssertionError mismatch) {
            // the result line then says how many changes the probe wrote, not 0
            return CheckOutcome.failed(mismatch.getMessage(), ledger.size());
        }
        return CheckOutcome.passed(ledger.size());
    }

    /**
     * Fails when the stream does not match the ledger; duplicates only warn. The transaction and {@code source.lsn}
     * order checks leave the duplicates out: a replay after a task restart re-sends events with the same or a lower
     * {@code source.lsn}, which breaks no order of the changes themselves and is counted once, as duplicates.
     */
    void judge(Ledger ledger, ProbeReading reading, RecordFormat format) {
        Verdict verdict = Verdict.compare(ledger, reading.events(), format.tombstones());
        if (!verdict.duplicated().isEmpty()) {
            note("WARN probe: " + verdict.duplicated().size() + " events arrived twice (at-least-once delivery, "
                    + "e.g. after a task restart): a consumer that is not idempotent applies them twice");
        }
        List<String> problems = new ArrayList<>();
        if (!ProbeReading.passes(verdict)) {
            problems.add(String.format("Expecting the stream of %s events to match the ledger of %s committed "
                    + "changes, but%n  %s%n%s", reading.events().size(), ledger.size(), verdict.firstProblem(),
                    verdict.summary()));
            if (!verdict.lost().isEmpty()) {
                problems.add("lost (" + Math.min(SHOWN, verdict.lost().size()) + " of " + verdict.lost().size()
                        + "): " + verdict.lost().stream().limit(SHOWN).map(entry -> "key " + entry.key() + " "
                        + entry.op().name().toLowerCase(Locale.ROOT) + " (change #" + entry.sequence()
                        + ")").collect(Collectors.joining(", ")));
            }
        }
        if (!reading.unreadable().isEmpty()) {
            problems.add("records that cannot be read (" + reading.unreadable().size() + "): "
                    + String.join("; ", reading.unreadable().stream().limit(SHOWN).toList()));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join(System.lineSeparator(), problems));
        }
        Set<ChangeEvent> repeats = Collections.newSetFromMap(new IdentityHashMap<>());
        repeats.addAll(verdict.duplicated());
        assertThat(reading.events().stream().filter(event -> !event.tombstone() && !repeats.contains(event)).toList())
                .keepsTransactionsContiguous().hasLsnNeverDecreasing();
    }

    /** The mix, then a delete of every row still there, all in the ledger; the table is emptied even on failure. */
    private void write(PostgresEndpoint pg, Connection connection, Ledger ledger) throws SQLException {
        GeneratorSettings settings = GeneratorSettings.defaults().withSchema(table.schema()).withTable(table.table())
                .withRowsPerTransaction(ROWS_PER_TRANSACTION);
        try {
            new Generator(pg, settings.withCount((long) changes), ledger).run();
            long written = ledger.size();
            long remaining = rowCount(connection);
            if (remaining > 0) {
                new Generator(pg, settings.withMix(new Mix(0, 0, 1)).withCount(remaining), ledger).run();
            }
            note("INFO probe " + table.qualified() + ": wrote " + written + " changes ("
                    + counts(ledger, written) + "), then deleted the " + remaining + " rows left, checked too");
        } finally {
            try (Statement sql = connection.createStatement()) {
                int removed = sql.executeUpdate("DELETE FROM " + table.quoted());
                if (removed > 0) {
                    note("WARN probe " + table.qualified() + ": removed the " + removed + " rows it wrote "
                            + "without checking those deletes, because writing stopped early");
                }
            }
        }
    }

    private static String counts(Ledger ledger, long written) {
        long deletesAfter = ledger.size() - written;
        return ledger.count(Op.CREATE) + " inserts, " + ledger.count(Op.UPDATE) + " updates, "
                + (ledger.count(Op.DELETE) - deletesAfter) + " deletes";
    }

    private long rowCount(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement();
             ResultSet count = sql.executeQuery("SELECT count(*) FROM " + table.quoted())) {
            count.next();
            return count.getLong(1);
        }
    }
}
