package io.github.cdcverify.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows the generator believes exist, with their last written values, so that updates and deletes hit real rows
 * and deletes can record what they removed.
 *
 * <p>Keys live in an array so that a uniformly random one costs O(1); removal swaps the last key into the hole,
 * which keeps the order (and therefore seeded runs) deterministic.
 */
final class LiveRows {

    private final List<Integer> keys = new ArrayList<>();
    private final Map<Integer, Integer> positionByKey = new HashMap<>();
    private final Map<Integer, Map<String, Object>> valuesByKey = new HashMap<>();

    /** Adds a row, or replaces its values when the key is already live. */
    void put(int key, Map<String, Object> values) {
        if (!positionByKey.containsKey(key)) {
            positionByKey.put(key, keys.size());
            keys.add(key);
        }
        valuesByKey.put(key, values);
    }

    void remove(int key) {
        Integer position = positionByKey.remove(key);
        if (position == null) {
            return;
        }
        int last = keys.remove(keys.size() - 1);
        if (last != key) {
            keys.set(position, last);
            positionByKey.put(last, position);
        }
        valuesByKey.remove(key);
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    int size() {
        return keys.size();
    }

    int keyAt(int index) {
        return keys.get(index);
    }

    boolean contains(int key) {
        return positionByKey.containsKey(key);
    }

    Map<String, Object> valuesOf(int key) {
        return valuesByKey.get(key);
    }
}
