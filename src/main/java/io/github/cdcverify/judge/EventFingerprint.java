package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;

import java.util.Map;
import java.util.Objects;

/**
 * A 64-bit digest of what makes an event "the same event delivered again" ({@link EventIdentity}: op, before,
 * after, source.lsn), so that a key can remember its recent events in 8 bytes each instead of whole rows.
 * Different events share a digest with a chance of about 2^-64 per pair.
 */
final class EventFingerprint {

    private EventFingerprint() {
    }

    static long of(ChangeEvent event) {
        long hash = mix(event.op() == null ? 0 : event.op().ordinal() + 1);
        Long lsn = event.source() == null ? null : event.source().lsn();
        hash = hash * 0x9E3779B97F4A7C15L + mix(lsn == null ? -1 : lsn);
        hash = hash * 0x9E3779B97F4A7C15L + row(event.before());
        hash = hash * 0x9E3779B97F4A7C15L + row(event.after());
        return mix(hash);
    }

    /** Order-independent, as map equality is; null differs from an empty row. */
    private static long row(Map<String, Object> row) {
        if (row == null) {
            return 0x5DEECE66DL;
        }
        long sum = row.size();
        for (Map.Entry<String, Object> column : row.entrySet()) {
            sum += mix(((long) column.getKey().hashCode() << 32) ^ (Objects.hashCode(column.getValue()) & 0xFFFFFFFFL));
        }
        return sum;
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
