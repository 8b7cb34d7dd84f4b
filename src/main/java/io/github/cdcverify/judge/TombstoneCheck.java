package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds deletes without their tombstone. With Debezium's default {@code tombstones.on.delete=true} every delete is
 * followed by a record with the same key and a null value, so that log compaction can drop the key; it must come
 * before any later event of that key (a key's events share one partition, so "later" is well defined).
 *
 * <p>An exact repeat of the key's last delete needs no tombstone of its own: at-least-once delivery may send the
 * delete again, before its tombstone or after it (a replay after a restart), and that one tombstone serves both.
 */
final class TombstoneCheck {

    private TombstoneCheck() {
    }

    /** The deletes of {@code events} (in the order read) not followed by a tombstone, by key, then stream order. */
    static List<MissingTombstone> missing(List<ChangeEvent> events) {
        Map<Long, ChangeEvent> awaitingTombstone = new HashMap<>();
        Map<Long, EventIdentity> lastDelete = new HashMap<>();
        List<MissingTombstone> missing = new ArrayList<>();
        for (ChangeEvent event : events) {
            Long key = EventValues.keyOf(event);
            if (key == null) {
                continue;
            }
            if (event.tombstone()) {
                awaitingTombstone.remove(key);
                continue;
            }
            EventIdentity identity = event.op() == Op.DELETE ? EventIdentity.of(event) : null;
            if (identity != null && identity.equals(lastDelete.get(key))) {
                continue;
            }
            ChangeEvent delete = awaitingTombstone.remove(key);
            if (delete != null) {
                missing.add(new MissingTombstone(key, delete));
            }
            if (identity != null) {
                awaitingTombstone.put(key, event);
                lastDelete.put(key, identity);
            }
        }
        awaitingTombstone.forEach((key, delete) -> missing.add(new MissingTombstone(key, delete)));
        missing.sort(Comparator.comparingLong(MissingTombstone::key)
                .thenComparingLong(tombstoneless -> tombstoneless.delete().offset()));
        return missing;
    }
}
