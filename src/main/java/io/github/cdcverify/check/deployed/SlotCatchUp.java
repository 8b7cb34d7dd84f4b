package io.github.cdcverify.check.deployed;

import io.github.cdcverify.datacheck.TableTopicComparison.CatchUp;
import io.github.cdcverify.setup.ReplicationSlots;
import io.github.cdcverify.time.BoundedWait;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/**
 * The WAL position when the data check began, and a bounded wait until the connector's slot has confirmed it: after
 * that, every change committed before the check began has reached Kafka, so a key that still differs is not just
 * late. The wait happens at most once per check.
 *
 * <p>A slot's confirmed position moves when the connector commits its offsets after changes of its own tables (or
 * a heartbeat). When none of those came after the start position and there is no heartbeat, it does not move,
 * however healthy the pipeline: then the wait ends at its bound and says so, and the keys are re-checked anyway.
 */
final class SlotCatchUp implements CatchUp {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Connection connection;
    private final String slot;
    private final String startLsn;
    private String outcome;

    private SlotCatchUp(Connection connection, String slot, String startLsn) {
        this.connection = connection;
        this.slot = slot;
        this.startLsn = startLsn;
    }

    /** Takes the current WAL position: call it before anything is read. */
    static SlotCatchUp startingNow(Connection connection, String slot) throws SQLException {
        return new SlotCatchUp(connection, slot, ReplicationSlots.currentWalPosition(connection));
    }

    String startLsn() {
        return startLsn;
    }

    @Override
    public String await(Duration timeout) throws SQLException {
        if (outcome != null) {
            return null;
        }
        long began = System.nanoTime();
        boolean passed = BoundedWait.upTo(timeout).every(POLL)
                .until(() -> ReplicationSlots.hasConfirmed(connection, slot, startLsn));
        String waited = String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - began) / 1e9);
        String confirmed = passed ? null : ReplicationSlots.confirmedPosition(connection, slot);
        outcome = passed
                ? "INFO WAL position at the start " + startLsn + ": slot " + slot + " confirmed it after " + waited
                + ", so the keys re-checked saw every change committed before the check began"
                : "INFO WAL position at the start " + startLsn + ": slot " + slot + " had confirmed only up to "
                + (confirmed == null ? "nothing (no such slot)" : confirmed) + " when the wait ended after "
                + waited + " (bounded by --settle): either the connector lags, or none of its tables changed after "
                + "that position and, without heartbeats, its slot does not move; the keys were re-checked anyway";
        return outcome;
    }

    /** Whether the check never had to wait: no key differed on the first comparison. */
    boolean neverWaited() {
        return outcome == null;
    }
}
