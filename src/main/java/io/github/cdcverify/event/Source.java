package io.github.cdcverify.event;

import java.util.Map;

/**
 * The {@code source} block of a Debezium PostgreSQL envelope.
 *
 * @param snapshot {@code null} for streamed changes (with {@code replace.null.with.default=false}),
 *                 otherwise "first", "true", "last", "last_in_data_collection", ...
 * @param fields   every field of the block as parsed, including the ones named above
 */
public record Source(String connector, String name, String db, String schema, String table,
                     Long lsn, Long txId, Long tsMs, String snapshot, Map<String, Object> fields) {

    /** {@code true} when the event was produced by the initial snapshot rather than streamed from the WAL. */
    public boolean isSnapshot() {
        return snapshot != null && !"false".equals(snapshot);
    }
}
