package io.github.cdcverify.scenario;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.generate.TableLedger;
import io.github.cdcverify.judge.LedgerComparison;
import org.assertj.core.api.AbstractAssert;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * AssertJ assertions on a {@link ConnectorUnderTest}: what its connector delivered of the changes written.
 *
 * <pre>{@code
 * connector.writeGeneratedChanges(30);
 * ConnectorUnderTestAssert.assertThat(connector).streamsEveryTableExactly();
 * }</pre>
 */
public final class ConnectorUnderTestAssert extends AbstractAssert<ConnectorUnderTestAssert, ConnectorUnderTest> {

    /** How long each table's topic may take to match its ledger when not told. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private Duration wait = DEFAULT_WAIT;

    private ConnectorUnderTestAssert(ConnectorUnderTest actual) {
        super(actual, ConnectorUnderTestAssert.class);
    }

    public static ConnectorUnderTestAssert assertThat(ConnectorUnderTest actual) {
        return new ConnectorUnderTestAssert(actual);
    }

    /**
     * How long each table's topic may take to match its ledger (default 30 s); a stream that matches ends the wait
     * after a quiet period of 2 s, so a healthy connector does not wait this long.
     */
    public ConnectorUnderTestAssert within(Duration timeout) {
        this.wait = timeout;
        return this;
    }

    /**
     * Every change {@link ConnectorUnderTest#writeGeneratedChanges} committed arrived once, per key in commit order,
     * with every column as written, in the connector's own format (envelopes or flattened row images; tombstones
     * where it sends them), in every captured table's topic, read from its start. Snapshot reads of the seed rows and
     * the events of rows the generated changes never touched (your own writes) are left out.
     *
     * @throws AssertionError naming each table that differs, with its keys by their columns' values: what was lost,
     *                        which column was written how and received how, and a summary per op; also when a table
     *                        could not be written to, or nothing was written yet
     */
    public ConnectorUnderTestAssert streamsEveryTableExactly() {
        isNotNull();
        List<TableLedger> ledgers = actual.ledgers();
        if (ledgers.stream().allMatch(ledger -> ledger.ledger().size() == 0 && ledger.problem().isEmpty())) {
            failWithMessage("%nExpecting %s to stream every table exactly, but no generated change was written: call "
                    + "writeGeneratedChanges(n) first", actual);
        }
        List<String> differing = new ArrayList<>();
        for (TableLedger ledger : ledgers) {
            String table = ledger.table().qualified();
            if (ledger.problem().isPresent()) {
                differing.add(table + " could not be written to: " + ledger.problem().get());
                continue;
            }
            List<String> problems = problems(ledger);
            if (!problems.isEmpty()) {
                differing.add(table + ":" + System.lineSeparator() + indent(String.join(System.lineSeparator(),
                        problems)));
            }
        }
        if (!differing.isEmpty()) {
            failWithMessage("%nExpecting %s to stream every table exactly, but %s of %s tables differ:%n%s", actual,
                    differing.size(), ledgers.size(), indent(String.join(System.lineSeparator(), differing)));
        }
        return this;
    }

    private List<String> problems(TableLedger ledger) {
        LedgerComparison comparison;
        try {
            comparison = LedgerComparison.of(ledger, actual.recordFormat(),
                    !ledger.keyColumns().isEmpty() && actual.keyOnlyDeletes(ledger.table())).leavingOutOtherKeys();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the replica identity of " + ledger.table().qualified()
                    + ": " + e.getMessage(), e);
        }
        List<ChangeEvent> events = LedgerReading.fromBeginning(actual.stack().kafka(), actual.topic(ledger.table()),
                comparison, wait);
        return comparison.problems(events);
    }

    private static String indent(String text) {
        return text.lines().map(line -> "  " + line).reduce((a, b) -> a + System.lineSeparator() + b).orElse("");
    }
}
