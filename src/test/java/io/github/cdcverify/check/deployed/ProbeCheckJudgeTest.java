package io.github.cdcverify.check.deployed;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.event.Source;
import io.github.cdcverify.generate.Ledger;
import io.github.cdcverify.judge.RecordFormat;
import io.github.cdcverify.setup.TableName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the probe judges what it read: a replay after a task restart (events sent again with the same or a lower
 * {@code source.lsn}, each an exact repeat) is counted once, as duplicates, and fails no order check.
 */
class ProbeCheckJudgeTest {

    private static final RecordFormat ENVELOPES = new RecordFormat(null, null, true, true);

    private final ProbeCheck probe = new ProbeCheck("users-connector", new TableName("public", "probe"), 3,
            Duration.ofSeconds(1));
    private final Ledger ledger = new Ledger();
    private long offset;

    private static Map<String, Object> row(int id, String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("email", name + "@example.com");
        return row;
    }

    private ChangeEvent event(Op op, int id, String name, long lsn, long txId) {
        Source source = new Source("postgresql", "app", "db", "public", "probe", lsn, txId, 1L, null, Map.of());
        return new ChangeEvent("app.public.probe", 0, offset++, Map.of("id", id), op, null, row(id, name), source,
                2L, null, false);
    }

    /** Two transactions: keys 1 and 2 created (tx 7), key 1 updated (tx 8). */
    private List<ChangeEvent> firstDelivery() {
        ledger.appendCommitted(1, 7L, List.of(new Ledger.Change(Op.CREATE, 1, row(1, "ann"), null),
                new Ledger.Change(Op.CREATE, 2, row(2, "bob"), null)));
        ledger.appendCommitted(2, 8L, List.of(new Ledger.Change(Op.UPDATE, 1, row(1, "anna"), null)));
        return List.of(event(Op.CREATE, 1, "ann", 100, 7), event(Op.CREATE, 2, "bob", 101, 7),
                event(Op.UPDATE, 1, "anna", 200, 8));
    }

    @Test
    void aReplayAfterATaskRestartIsCountedAsDuplicatesAndFailsNoOrderCheck() {
        List<ChangeEvent> delivered = firstDelivery();
        List<ChangeEvent> replayed = List.of(event(Op.CREATE, 1, "ann", 100, 7), event(Op.CREATE, 2, "bob", 101, 7),
                event(Op.UPDATE, 1, "anna", 200, 8));
        List<ChangeEvent> read = List.of(delivered.get(0), delivered.get(1), delivered.get(2), replayed.get(0),
                replayed.get(1), replayed.get(2));

        probe.judge(ledger, new ProbeReading(read, 0, List.of()), ENVELOPES);

        assertThat(probe.notes()).containsExactly("WARN probe: 3 events arrived twice (at-least-once delivery, e.g. "
                + "after a task restart): a consumer that is not idempotent applies them twice");
    }

    @Test
    void aLowerLsnThatRepeatsNoEventStillFails() {
        List<ChangeEvent> delivered = firstDelivery();
        ledger.appendCommitted(3, 9L, List.of(new Ledger.Change(Op.UPDATE, 2, row(2, "bobby"), null)));
        ChangeEvent backwards = event(Op.UPDATE, 2, "bobby", 150, 9); // a new change, yet below the lsn before it
        List<ChangeEvent> read = List.of(delivered.get(0), delivered.get(1), delivered.get(2), backwards);

        assertThatThrownBy(() -> probe.judge(ledger, new ProbeReading(read, 0, List.of()), ENVELOPES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting source.lsn never to decrease within a partition");
        assertThat(probe.notes()).isEmpty();
    }
}
