package io.github.cdcverify.check.deployed;

import io.github.cdcverify.check.CheckOutcome;
import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.generate.TableLedger;
import io.github.cdcverify.judge.LedgerComparison;
import io.github.cdcverify.judge.RecordFormat;
import io.github.cdcverify.judge.Verdict;
import io.github.cdcverify.scenario.LedgerReading;
import io.github.cdcverify.stack.CdcStack;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The exact comparison ({@link LedgerComparison}) for one table a fresh pipeline's mix wrote into ({@link TableLedger}):
 * every committed change arrived once, per key in commit order, with every column as written, in the connector's own
 * format. The table's topic is read from its start ({@link LedgerReading}); snapshot reads are left to the data
 * check.
 */
final class LedgerCheck extends DeployedCheck {

    private final TableLedger ledger;
    private final Duration wait;

    LedgerCheck(String connector, TableLedger ledger, Duration wait) {
        super("changes " + ledger.table().qualified(), "changes", connector);
        this.ledger = ledger;
        this.wait = wait;
    }

    @Override
    protected CheckOutcome check(CdcStack stack, ConnectClient connect, DeployedConnector deployed) {
        if (ledger.problem().isPresent()) {
            return new CheckOutcome.CouldNotCheck("Table " + ledger.table().qualified() + " could not be written to: "
                    + ledger.problem().get() + ". Its changes were not checked; the data check still compares "
                    + "whatever rows it has.");
        }
        if (!ledger.leftOut().isEmpty()) {
            note("INFO " + name() + ": columns not compared with the ledger (no comparable form): "
                    + ledger.leftOut().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        RecordFormat format = RecordFormat.of(deployed.config());
        noteAll(format.notes().stream().map(line -> line.replace("probe", name())).toList());
        String topic = deployed.topic(ledger.table(), stack.kafka(), wait);
        boolean keyOnlyDeletes = ledger.keyColumns().size() > 0 && identityDefault(stack);
        LedgerComparison comparison = LedgerComparison.of(ledger, format, keyOnlyDeletes);
        List<ChangeEvent> events = LedgerReading.fromBeginning(stack.kafka(), topic, comparison, wait);
        Verdict verdict = comparison.verdict(events);
        compared(ledger.ledger().size() + " changes of " + ledger.ledger().keys().size() + " keys, "
                + verdict.snapshotReads() + " snapshot reads left to the data check");
        if (!verdict.duplicated().isEmpty()) {
            note("WARN " + name() + ": " + verdict.duplicated().size() + " events arrived twice");
        }
        List<String> problems = comparison.problems(events);
        if (!problems.isEmpty()) {
            return CheckOutcome.failed(String.join(System.lineSeparator(), problems), ledger.ledger().size());
        }
        return CheckOutcome.passed(ledger.ledger().size());
    }

    private boolean identityDefault(CdcStack stack) {
        try (var connection = stack.postgres().open();
             var query = connection.prepareStatement("SELECT relreplident FROM pg_class WHERE oid = ?::regclass")) {
            query.setString(1, ledger.table().quoted());
            try (var row = query.executeQuery()) {
                return row.next() && "d".equals(row.getString(1));
            }
        } catch (java.sql.SQLException e) {
            return true;
        }
    }
}
