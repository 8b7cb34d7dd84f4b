package io.github.cdcverify.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a topic's records as {@link ChangeEvent}s whatever their shape: Debezium envelopes as
 * {@link ChangeEventParser} does, and the row images {@code ExtractNewRecordState} flattens them to, so that both can
 * be checked against what was written.
 *
 * <p>A row image carries no {@code before}, {@code source} or transaction, and an op only when the transform adds
 * it ({@code add.fields=op} gives {@code __op}). Without it, the op is what a consumer of the topic can tell from the
 * key's history: a key's first image is a create, later ones updates; {@code __deleted=true} (the rewrite) is a
 * delete, its image becoming the delete's {@code before}. A tombstone of a key that is present stands for the delete
 * the transform dropped (its default, {@code delete.tombstone.handling.mode=tombstone}) when the reader is told so:
 * it is read as that delete, with the key as {@code before}, followed by the tombstone itself. Fields starting with {@code __} are the
 * transform's, not columns, and are left out of the row.
 *
 * <p>Keeps one entry per key present, so read one topic from a point where its keys were absent (e.g. an empty
 * table's). Not thread-safe.
 */
public final class RowImageReader {

    private final ChangeEventParser envelopes = new ChangeEventParser();
    private final Set<Map<String, Object>> present = new HashSet<>();
    private final boolean tombstoneMeansDelete;

    /**
     * @param tombstoneMeansDelete whether a tombstone of a present key stands for a delete that was dropped (only
     *                             where the connector's transform drops deletes but keeps their tombstones)
     */
    public RowImageReader(boolean tombstoneMeansDelete) {
        this.tombstoneMeansDelete = tombstoneMeansDelete;
    }

    /**
     * @return the record's event; two events (the delete, then the tombstone) for a tombstone standing for a
     *         dropped delete
     * @throws MalformedEventException when key or value is not a JSON object
     */
    public List<ChangeEvent> read(String topic, int partition, long offset, byte[] key, byte[] value) {
        ChangeEvent tombstone = envelopes.parse(topic, partition, offset, key, null);
        Map<String, Object> keyValues = tombstone.key();
        if (value == null || value.length == 0) {
            return keyValues != null && present.remove(keyValues) && tombstoneMeansDelete
                    ? List.of(event(tombstone, Op.DELETE, keyValues, null), tombstone) : List.of(tombstone);
        }
        JsonNode payload = ChangeEventParser.payload(topic, partition, offset, value);
        if (payload.isNull()) {
            return read(topic, partition, offset, key, null);
        }
        if (payload.has("op") && (payload.has("after") || payload.has("before"))) {
            ChangeEvent event = envelopes.parse(topic, partition, offset, key, value);
            track(keyValues, event.op());
            return List.of(event);
        }
        Map<String, Object> row = columns(payload);
        Op op = opOf(tombstone, payload, keyValues);
        track(keyValues, op);
        return List.of(op == Op.DELETE ? event(tombstone, op, row, null) : event(tombstone, op, null, row));
    }

    private Op opOf(ChangeEvent at, JsonNode payload, Map<String, Object> keyValues) {
        if ("true".equals(payload.path("__deleted").asText())) {
            return Op.DELETE;
        }
        JsonNode op = payload.get("__op");
        if (op != null && op.isTextual()) {
            try {
                return Op.fromCode(op.textValue());
            } catch (IllegalArgumentException e) {
                throw new MalformedEventException(at.topic(), at.partition(), at.offset(), "the flattened row's "
                        + "'__op' is '" + op.textValue() + "', which is not a Debezium op",
                        "Check the ExtractNewRecordState transform's add.fields (op adds '__op' with c, u, d, r or t)",
                        e);
            }
        }
        return keyValues != null && present.contains(keyValues) ? Op.UPDATE : Op.CREATE;
    }

    private void track(Map<String, Object> keyValues, Op op) {
        if (op == Op.TRUNCATE) {
            present.clear();
        }
        if (keyValues == null || op == null) {
            return;
        }
        if (op == Op.DELETE) {
            present.remove(keyValues);
        } else if (op != Op.MESSAGE) {
            present.add(keyValues);
        }
    }

    private static Map<String, Object> columns(JsonNode payload) {
        Map<String, Object> row = new LinkedHashMap<>(JsonValues.toMap(payload));
        row.keySet().removeIf(column -> column.startsWith("__"));
        return row;
    }

    private static ChangeEvent event(ChangeEvent at, Op op, Map<String, Object> before, Map<String, Object> after) {
        return new ChangeEvent(at.topic(), at.partition(), at.offset(), at.key(), op, before, after, null, null, null,
                false);
    }
}
