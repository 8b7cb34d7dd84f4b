package io.github.cdcverify.check.deployed;

import io.github.cdcverify.check.CheckOutcome;
import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.kafka.KafkaTopics;
import io.github.cdcverify.setup.CaptureCatalog.SlotState;
import io.github.cdcverify.setup.CaptureCatalog;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.time.BoundedWait;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the deployed connector's configuration, PostgreSQL's catalog and its topics' cleanup policy, and reports
 * every finding on a line of its own: a setting that loses or changes data fails the check unless the user accepted
 * it by name ({@code --accept}); advice is a {@code WARN} line that never fails it by itself.
 */
final class ConnectorFindingsCheck extends DeployedCheck {

    private static final Duration SLOT_SETTLE = Duration.ofSeconds(15);
    private static final Duration SLOT_POLL = Duration.ofMillis(250);

    private final List<TableName> tables;
    private final Set<String> accepted;

    ConnectorFindingsCheck(String connector, List<TableName> tables, Set<String> accepted) {
        super("findings", "findings", connector);
        this.tables = List.copyOf(tables);
        this.accepted = Set.copyOf(accepted);
    }

    @Override
    protected CheckOutcome check(CdcStack stack, ConnectClient connect, DeployedConnector deployed) throws Exception {
        deployed.requireSameDatabase(stack.postgres());
        List<Finding> findings = new ArrayList<>();
        List<TableName> captured;
        Optional<SlotState> slot;
        try (Connection connection = PostgresConnections.open(stack.postgres());
             KafkaTopics topics = KafkaTopics.on(stack.kafka())) {
            CaptureCatalog catalog = new CaptureCatalog(connection);
            captured = deployed.capturedTables(catalog, tables);
            slot = settledSlot(connect, catalog, deployed.slotName());
            findings.addAll(SettingFindings.of(deployed.config(), anyCompacted(topics, deployed, captured)));
            findings.addAll(CatalogFindings.of(deployed.config(), catalog, captured, deployed.slotName(), slot));
        }
        List<Finding> judged = findings.stream().map(finding -> finding.acceptedBy(accepted)).toList();
        judged.forEach(finding -> note(finding.line()));
        slot.filter(SlotState::active).ifPresent(active -> note("INFO slot " + active.name() + ": active, "
                + "confirmed up to " + (active.lagBytes() == null ? "unknown" : active.lagBytes() + " bytes")
                + " behind the current WAL position"));
        note("INFO captured tables: " + (captured.isEmpty() ? "none" : String.join(", ",
                captured.stream().map(TableName::qualified).toList())));
        List<Finding> failing = judged.stream().filter(Finding::fails).toList();
        if (!failing.isEmpty()) {
            Set<String> names = new LinkedHashSet<>(failing.stream().map(Finding::acceptAs).toList());
            return CheckOutcome.failed(failing.size() + (failing.size() == 1 ? " finding loses or changes data"
                    : " findings lose or change data") + " (LOSES DATA above). If one is deliberate "
                    + "(a PII column left out, say), accept it by name: " + String.join(" ", names.stream()
                    .map(name -> "--accept " + name).toList()), judged.size());
        }
        return CheckOutcome.passed(judged.size());
    }

    /**
     * The connector's slot, read again for up to {@link #SLOT_SETTLE} while it is missing or inactive and the
     * connector's tasks are RUNNING: a task that just started or restarted creates or reconnects its slot only after
     * it is reported RUNNING (and after a snapshot), so a first reading would warn about a healthy connector.
     */
    private Optional<SlotState> settledSlot(ConnectClient connect, CaptureCatalog catalog, String slotName)
            throws SQLException {
        AtomicReference<Optional<SlotState>> slot = new AtomicReference<>(catalog.slot(slotName));
        BoundedWait.upTo(SLOT_SETTLE).every(SLOT_POLL).until(() -> {
            if (slot.get().map(SlotState::active).orElse(false) || !connect.status(connector).isRunning()) {
                return true;
            }
            slot.set(catalog.slot(slotName));
            return false;
        });
        return slot.get();
    }

    /** Whether any captured table's topic that exists is compacted ({@code compact} or {@code compact,delete}). */
    private static boolean anyCompacted(KafkaTopics topics, DeployedConnector deployed, List<TableName> captured) {
        Set<String> existing = Set.copyOf(topics.startingWith(""));
        for (TableName table : captured) {
            String topic = deployed.topicOf(table, Map.of()).topic().orElse("");
            if (existing.contains(topic) && topics.topicSetting(topic, "cleanup.policy").orElse("delete")
                    .toLowerCase(Locale.ROOT).contains("compact")) {
                return true;
            }
        }
        return false;
    }
}
