package io.github.cdcverify.datacheck;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The fold's latest image of each key, by the key's text ({@code {id=42}}). Most tables have one integer key column:
 * their keys are kept as {@code long}s in an open-addressing table, one array slot per key instead of a map entry, a
 * key string and its bytes: 199 instead of 248-283 bytes of heap per row in {@code bench --data-check}, and fewer
 * objects for the garbage collector to copy; a lookup touches one array instead of four objects. Every other key
 * (several columns, text, numbers with a fraction) is kept in a map by its text. The text of an integer key is one
 * canonical form of one long, so both kinds never hold the same key.
 */
final class LatestImages {

    private static final long FREE = Long.MIN_VALUE;
    private static final int FIRST_CAPACITY = 1 << 10;
    /** Longest digit string parsed as a long: every 18-digit number fits. */
    private static final int MOST_DIGITS = 18;
    private static final int BLOCK_BITS = 4;
    /** A key's share of the two arrays at three quarters full. */
    private static final int INTEGER_KEY_BYTES = 16;
    /** A map entry, its table slot and the key string's objects, besides one byte per character. */
    private static final int OTHER_KEY_BYTES = 88;

    /** The key column's name of the integer keys, learned from the first; a key of another column goes to the map. */
    private String integerColumn;
    private long[] integerKeys = newKeys(FIRST_CAPACITY);
    private FoldedTopic.Image[] integerImages = new FoldedTopic.Image[FIRST_CAPACITY];
    private int integerCount;
    private final Map<String, FoldedTopic.Image> otherKeys = new HashMap<>();
    private long keptBytes;

    void put(String key, FoldedTopic.Image image) {
        long integer = integerKey(key, true);
        keptBytes += image.keptBytes() + (integer == FREE ? OTHER_KEY_BYTES + key.length() : INTEGER_KEY_BYTES);
        if (integer == FREE) {
            forget(otherKeys.put(key, image), OTHER_KEY_BYTES + key.length());
            return;
        }
        if ((integerCount + 1) * 4L > integerKeys.length * 3L) {
            grow();
        }
        int slot = slot(integerKeys, integer);
        if (integerKeys[slot] == FREE) {
            integerKeys[slot] = integer;
            integerCount++;
        }
        forget(integerImages[slot], INTEGER_KEY_BYTES);
        integerImages[slot] = image;
    }

    FoldedTopic.Image get(String key) {
        long integer = integerKey(key, false);
        if (integer == FREE) {
            return otherKeys.get(key);
        }
        int slot = slot(integerKeys, integer);
        return integerKeys[slot] == FREE ? null : integerImages[slot];
    }

    void remove(String key) {
        long integer = integerKey(key, false);
        if (integer == FREE) {
            forget(otherKeys.remove(key), OTHER_KEY_BYTES + key.length());
            return;
        }
        int slot = slot(integerKeys, integer);
        if (integerKeys[slot] == FREE) {
            return;
        }
        forget(integerImages[slot], INTEGER_KEY_BYTES);
        integerKeys[slot] = FREE;
        integerImages[slot] = null;
        integerCount--;
        // Linear probing: move back every key of the run after the freed slot that its probe would no longer reach.
        int mask = integerKeys.length - 1;
        for (int next = (slot + 1) & mask; integerKeys[next] != FREE; next = (next + 1) & mask) {
            long moved = integerKeys[next];
            FoldedTopic.Image movedImage = integerImages[next];
            integerKeys[next] = FREE;
            integerImages[next] = null;
            int target = slot(integerKeys, moved);
            integerKeys[target] = moved;
            integerImages[target] = movedImage;
        }
    }

    void clear() {
        integerKeys = newKeys(FIRST_CAPACITY);
        integerImages = new FoldedTopic.Image[FIRST_CAPACITY];
        integerCount = 0;
        otherKeys.clear();
        keptBytes = 0;
    }

    /**
     * About how much heap the images and their keys take: what the fold needs whatever the number of events, to be
     * told before the heap runs short.
     */
    long keptBytes() {
        return keptBytes;
    }

    private void forget(FoldedTopic.Image replaced, int keyBytes) {
        if (replaced != null) {
            keptBytes -= replaced.keptBytes() + keyBytes;
        }
    }

    int size() {
        return integerCount + otherKeys.size();
    }

    /** Hands every key's text and image to {@code action}; an integer key's text is made only when asked for. */
    void forEach(BiConsumer<KeyText, FoldedTopic.Image> action) {
        for (int slot = 0; slot < integerKeys.length; slot++) {
            if (integerKeys[slot] != FREE) {
                long integer = integerKeys[slot];
                action.accept(() -> "{" + integerColumn + "=" + integer + "}", integerImages[slot]);
            }
        }
        otherKeys.forEach((key, image) -> action.accept(() -> key, image));
    }

    /** Every image: the integer keys' first, then the others'. */
    Iterable<FoldedTopic.Image> images() {
        return () -> Stream.concat(Arrays.stream(integerImages).filter(Objects::nonNull),
                otherKeys.values().stream()).iterator();
    }

    /** A key's text, made on demand. */
    @FunctionalInterface
    interface KeyText {
        String text();
    }

    /**
     * The long that {@code {column=digits}} stands for, or {@link #FREE} when the key is of any other form: a
     * number with a leading zero, {@code -0}, more than 18 digits, another column than the integer keys seen so far.
     */
    private long integerKey(String key, boolean learn) {
        int length = key.length();
        if (length < 5 || key.charAt(0) != '{' || key.charAt(length - 1) != '}') {
            return FREE;
        }
        int equals = key.indexOf('=');
        if (equals < 2 || key.indexOf('=', equals + 1) >= 0 || key.indexOf(',') >= 0) {
            return FREE;
        }
        int digits = key.charAt(equals + 1) == '-' ? equals + 2 : equals + 1;
        int end = length - 1;
        if (digits >= end || end - digits > MOST_DIGITS || (key.charAt(digits) == '0' && end - digits > 1)
                || (digits > equals + 1 && key.charAt(digits) == '0')) {
            return FREE;
        }
        long value = 0;
        for (int i = digits; i < end; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return FREE;
            }
            value = value * 10 + (c - '0');
        }
        if (integerColumn == null) {
            if (!learn) {
                return FREE;
            }
            integerColumn = key.substring(1, equals);
        } else if (integerColumn.length() != equals - 1 || !key.regionMatches(1, integerColumn, 0, equals - 1)) {
            return FREE;
        }
        return digits > equals + 1 ? -value : value;
    }

    private void grow() {
        long[] oldKeys = integerKeys;
        FoldedTopic.Image[] oldImages = integerImages;
        integerKeys = newKeys(oldKeys.length * 2);
        integerImages = new FoldedTopic.Image[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                int slot = slot(integerKeys, oldKeys[i]);
                integerKeys[slot] = oldKeys[i];
                integerImages[slot] = oldImages[i];
            }
        }
    }

    /** The slot holding {@code key}, or the free slot where it goes. */
    private static int slot(long[] keys, long key) {
        int mask = keys.length - 1;
        int slot = (int) mix(key) & mask;
        while (keys[slot] != FREE && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /**
     * Where a key's probe starts: keys that differ only in their lowest four bits share a block of 16 slots (two
     * cache lines), so the ids of a table, which mostly come in runs, are found with one memory access per block;
     * the blocks themselves are spread by a multiplicative hash, so strided or clustered ids do not pile up.
     */
    private static long mix(long key) {
        long h = (key >>> BLOCK_BITS) * 0x9E3779B97F4A7C15L;
        return ((h ^ (h >>> 32)) << BLOCK_BITS) | (key & ((1 << BLOCK_BITS) - 1));
    }

    private static long[] newKeys(int capacity) {
        long[] keys = new long[capacity];
        Arrays.fill(keys, FREE);
        return keys;
    }
}
