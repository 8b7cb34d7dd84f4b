package io.github.cdcverify.check.deployed;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.setup.CaptureCatalog;
import io.github.cdcverify.setup.CaptureCatalog.SlotState;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * Reads the deployed connector's configuration and PostgreSQL's catalog and reports each setting that loses or
 * changes data as a {@code WARN} note ({@code --fail-on-warnings} makes them fail), and the slot's state as an
 * {@code INFO} note (a {@code WARN} when it is inactive or missing).
 */
final class ConnectorFindingsCheck extends DeployedCheck {

    private final List<TableName> tables;

    ConnectorFindingsCheck(String connector, List<TableName> tables) {
        super("findings", "findings", connector);
        this.tables = List.copyOf(tables);
    }

    @Override
    protected int check(CdcStack stack, ConnectClient connect, DeployedConnector deployed) throws Exception {
        deployed.requireSameDatabase(stack.postgres());
        try (Connection connection = PostgresConnections.open(stack.postgres())) {
            CaptureCatalog catalog = new CaptureCatalog(connection);
            List<TableName> captured = deployed.capturedTables(catalog, tables);
            List<Finding> findings = ConnectorFindings.of(deployed.config(), catalog, captured);
            findings.forEach(finding -> note(finding.line()));
            note(slotNote(deployed.slotName(), catalog.slot(deployed.slotName())));
            note("INFO captured tables: " + (captured.isEmpty() ? "none" : String.join(", ",
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
