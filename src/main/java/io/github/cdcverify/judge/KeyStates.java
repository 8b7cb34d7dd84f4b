package io.github.cdcverify.judge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys {@link StreamChecker} keeps state for. A key whose row was deleted and which is settled (its delete
 * taken, its tombstone read, nothing pending or held: {@link KeyState#deletedAndSettled}) is forgotten, so that
 * memory follows the live keys and what is in flight rather than the length of the run: the generator inserts a new
 * key for each of its 60% inserts, and without this every key a soak ever deleted would stay.
 *
 * <p>The last forgotten keys (a bounded number, oldest dropped first) stay within reach: Kafka redelivers a stretch
 * of the log after a consumer or broker restart, and a late exact repeat of a deleted key's events must still count
 * as a repeat, not as unexpected. A key that is written or received again is brought back as it was, so its
 * changes keep their numbering and its order check goes on. A key forgotten longer ago comes back as new.
 */
final class KeyStates {

    private final Map<Long, KeyState> live = new HashMap<>();
    private final Map<Long, KeyState> recentlyForgotten;

    /** @param forgottenKept how many forgotten keys stay within reach, the most recently forgotten */
    KeyStates(int forgottenKept) {
        this.recentlyForgotten = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, KeyState> eldest) {
                return size() > forgottenKept;
            }
        };
    }

    /** The key's state, or null when it is not live (a tombstone has nothing to settle on a forgotten key). */
    KeyState live(long key) {
        return live.get(key);
    }

    /** The key's state: live, else brought back if it was forgotten recently, else new. */
    KeyState get(long key) {
        KeyState state = live.get(key);
        if (state == null) {
            state = recentlyForgotten.remove(key);
            if (state == null) {
                state = new KeyState();
            }
            live.put(key, state);
        }
        return state;
    }

    /** Forgets the key if its row is deleted and nothing more of it is expected. */
    void forgetIfSettled(long key, KeyState state) {
        if (state.deletedAndSettled()) {
            live.remove(key);
            state.dropEmptyPending();
            recentlyForgotten.put(key, state);
        }
    }

    /** The live keys, ascending, for reports in key order as the batch verdict's. */
    List<Long> liveAscending() {
        List<Long> keys = new ArrayList<>(live.keySet());
        keys.sort(null);
        return keys;
    }

    int liveCount() {
        return live.size();
    }

    long awaitingTombstones() {
        return live.values().stream().filter(state -> state.awaitingTombstoneAt != null).count();
    }
}
