package io.github.cdcverify.verify;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.generate.LedgerEntry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Matches the events received for one key against the changes committed for it.
 *
 * <p>Each event takes the earliest still-unmatched committed change it matches, found through a lookup by
 * (op, name, email), so a key costs time linear in its events and changes.
 */
final class KeyMatcher {

    /** What an event must agree on with a ledger entry to match it. */
    private record Signature(Op op, String name, String email) {
    }

    /** What makes two events "the same event delivered twice". */
    private record Identity(Op op, Map<String, Object> after, Map<String, Object> before, Long lsn) {
    }

    final List<LedgerEntry> lost = new ArrayList<>();
    final List<ChangeEvent> duplicated = new ArrayList<>();
    final List<ChangeEvent> unexpected = new ArrayList<>();
    final List<ChangeEvent> matched = new ArrayList<>();
    boolean outOfOrder;

    private final long key;
    private final List<LedgerEntry> expected;
    private final List<ChangeEvent> received;

    private KeyMatcher(long key, List<LedgerEntry> expected, List<ChangeEvent> received) {
        this.key = key;
        this.expected = expected;
        this.received = received;
    }

    /**
     * @param expected the key's ledger entries in sequence order
     * @param received the key's create, update and delete events in stream order
     */
    static KeyMatcher match(long key, List<LedgerEntry> expected, List<ChangeEvent> received) {
        KeyMatcher matcher = new KeyMatcher(key, expected, received);
        matcher.run();
        return matcher;
    }

    private void run() {
        Map<Signature, ArrayDeque<Integer>> unmatched = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            unmatched.computeIfAbsent(signatureOf(expected.get(i)), s -> new ArrayDeque<>()).add(i);
        }
        boolean[] taken = new boolean[expected.size()];
        Set<Identity> matchedIdentities = new HashSet<>();
        int lastIndex = -1;
        for (ChangeEvent event : received) {
            Identity identity = identityOf(event);
            if (matchedIdentities.contains(identity)) {
                duplicated.add(event);
                continue;
            }
            ArrayDeque<Integer> candidates = unmatched.get(signatureOf(event));
            if (candidates == null || candidates.isEmpty()) {
                unexpected.add(event);
                continue;
            }
            int index = candidates.poll();
            taken[index] = true;
            matched.add(event);
            matchedIdentities.add(identity);
            // Lost changes leave gaps but keep the order; only a step backwards means reordering.
            outOfOrder |= index < lastIndex;
            lastIndex = index;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!taken[i]) {
                lost.add(expected.get(i));
            }
        }
    }

    boolean hasProblem() {
        return outOfOrder || !lost.isEmpty() || !duplicated.isEmpty() || !unexpected.isEmpty();
    }

    KeyProblem problem() {
        return new KeyProblem(key, expected.stream().map(LedgerEntry::op).toList(),
                received.stream().map(ChangeEvent::op).toList(),
                lost.size(), duplicated.size(), unexpected.size(), outOfOrder);
    }

    private static Signature signatureOf(LedgerEntry entry) {
        if (entry.op() == Op.DELETE) {
            return new Signature(Op.DELETE, null, null);
        }
        return new Signature(entry.op(), EventValues.asText(entry.values().get("name")),
                EventValues.asText(entry.values().get("email")));
    }

    /** The event's signature, or {@code null} when it cannot match any entry of this key. */
    private Signature signatureOf(ChangeEvent event) {
        if (event.op() == Op.DELETE) {
            return new Signature(Op.DELETE, null, null);
        }
        Map<String, Object> after = event.after();
        if (after == null || !Objects.equals(EventValues.asLong(after.get("id")), key)) {
            return null;
        }
        return new Signature(event.op(), EventValues.asText(after.get("name")),
                EventValues.asText(after.get("email")));
    }

    private static Identity identityOf(ChangeEvent event) {
        Long lsn = event.source() == null ? null : event.source().lsn();
        return new Identity(event.op(), event.after(), event.before(), lsn);
    }
}
