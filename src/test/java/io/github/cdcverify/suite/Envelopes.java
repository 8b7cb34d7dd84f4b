package io.github.cdcverify.suite;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventPrinter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.github.cdcverify.judge.CdcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Expectations shared by the envelope scenarios. */
final class Envelopes {

    private Envelopes() {
    }

    /**
     * The row as Debezium sends it for a users-shaped table: {@code created_at} (TIMESTAMPTZ) becomes an ISO-8601
     * string in UTC ({@code io.debezium.time.ZonedTimestamp}).
     */
    static Map<String, Object> asDebeziumRow(Map<String, Object> row) {
        Map<String, Object> expected = new LinkedHashMap<>(row);
        expected.computeIfPresent("created_at", (column, value) -> ((OffsetDateTime) value).toInstant());
        return expected;
    }

    /** The event's row with {@code created_at} parsed back to an instant, to compare with the database's value. */
    static Map<String, Object> rowOf(Map<String, Object> eventRow) {
        Map<String, Object> row = new LinkedHashMap<>(eventRow);
        row.computeIfPresent("created_at", (column, value) -> Instant.parse((String) value));
        return row;
    }

    /** Checks the source block of a streamed (not snapshot) change of {@code table} in {@code database}. */
    static void assertStreamedSource(ChangeEvent event, String database, String table) {
        assertThat(event).hasSource("public", table).isStreamed();
        String whole = ChangeEventPrinter.describe(event);
        assertThat(event.source().db()).as("source.db of%n%s", whole).isEqualTo(database);
        assertThat(event.source().connector()).as("source.connector of%n%s", whole).isEqualTo("postgresql");
        assertThat(event.source().lsn()).as("source.lsn of%n%s", whole).isPositive();
        assertThat(event.source().txId()).as("source.txId of%n%s", whole).isPositive();
        // isStreamed() also accepts "false"; with replace.null.with.default=false it must be null.
        assertThat(event.source().snapshot()).as("source.snapshot of%n%s", whole).isNull();
        assertThat(event.tsMs()).as("ts_ms >= source.ts_ms in%n%s", whole)
                .isGreaterThanOrEqualTo(event.source().tsMs());
    }
}
