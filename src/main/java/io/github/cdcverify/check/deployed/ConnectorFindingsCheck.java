package io.github.cdcverify.check.deployed;

import io.github.cdcverify.check.Check;
import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.setup.CaptureCatalog;
import io.github.cdcverify.setup.CaptureCatalog.SlotState;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the deployed connector's configuration and PostgreSQL's catalog and reports each setting that loses or
 * changes data as a {@code WARN} note ({@code --fail-on-warnings} makes them fail), and the slot's state as an
 * {@code INFO} note (a {@code WARN} when it is inactive or missing).
 */
final class ConnectorFindingsCheck implements Check {

    private final String connector;
    private final List<TableName> tables;
    private final List<String> notes = new ArrayList<>();

    ConnectorFindingsCheck(String connector, List<TableName> tables) {
        this.connector = connector;
        this.tables = List.copyOf(tables);
    }

    @Override
    public String name() {
        return "findings";
    }

    @Override
    public String unit() {
        return "findings";
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public int run(CdcStack stack) throws Exception {
        notes.clear();
        DeployedConnector deployed = DeployedConnector.load(new ConnectClient(stack.connectUrl()), connector);
        deployed.requireSameDatabase(stack.postgres());
        try (Connection connection = PostgresConnections.open(stack.postgres())) {
            CaptureCatalog catalog = new CaptureCatalog(connection);
            List<TableName> captured = deployed.capturedTables(catalog, tables);
            List<Finding> findings = ConnectorFindings.of(deployed.config(), catalog, captured);
            findings.forEach(finding -> notes.add(finding.line()));
            notes.add(slotNote(deployed.slotName(), catalog.slot(deployed.slotName())));
            notes.add("INFO captured tables: " + (captured.isEmpty() ? "none" : String.join(", ",
                    captured.stream().map(TableName::qualified).toList())));
            return findings.size();
        }
    }

    private static String slotNote(String slotName, Optional<SlotState> slot) {
        if (slot.isEmpty()) {
            return "WARN slot " + slotName + ": does not exist, so the connector is not streaming from it";
        }
        SlotState state = slot.get();
        String lag = state.lagBytes() == null ? "unknown" : state.lagBytes() + " bytes";
        if (!state.active()) {
            return "WARN slot " + slotName + ": inactive, " + lag + " of WAL behind the current position, which "
                    + "PostgreSQL keeps until the slot is read again or dropped";
        }
        return "INFO slot " + slotName + ": active, confirmed up to " + lag + " behind the current WAL position";
    }
}
