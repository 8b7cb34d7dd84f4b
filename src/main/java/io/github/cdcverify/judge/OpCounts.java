package io.github.cdcverify.judge;

import io.github.cdcverify.event.Op;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Committed changes, received events and exactly matched events per row op, and the table they make. */
final class OpCounts {

    static final List<Op> ROW_OPS = List.of(Op.CREATE, Op.UPDATE, Op.DELETE);
    private static final int COMMITTED = 0;
    private static final int RECEIVED = 1;
    private static final int MATCHED = 2;

    private final Map<Op, long[]> counts = new EnumMap<>(Op.class);

    OpCounts() {
        ROW_OPS.forEach(op -> counts.put(op, new long[3]));
    }

    static boolean isRowOp(Op op) {
        return op == Op.CREATE || op == Op.UPDATE || op == Op.DELETE;
    }

    void addCommitted(Op op) {
        counts.get(op)[COMMITTED]++;
    }

    void addReceived(Op op) {
        counts.get(op)[RECEIVED]++;
    }

    void addMatched(Op op) {
        counts.get(op)[MATCHED]++;
    }

    long committed(Op op) {
        return get(op, COMMITTED);
    }

    long received(Op op) {
        return get(op, RECEIVED);
    }

    long matched(Op op) {
        return get(op, MATCHED);
    }

    long committedTotal() {
        return ROW_OPS.stream().mapToLong(this::committed).sum();
    }

    long receivedTotal() {
        return ROW_OPS.stream().mapToLong(this::received).sum();
    }

    private long get(Op op, int which) {
        long[] values = counts.get(op);
        return values == null ? 0 : values[which];
    }

    /** The head of {@link Verdict#summary()}: committed, received and matched per op. */
    String table() {
        StringBuilder table = new StringBuilder();
        table.append(String.format("%-14s%10s%10s%10s%n", "op", "committed", "received", "matched"));
        for (Op op : ROW_OPS) {
            table.append(String.format("%-14s%10d%10d%10d%n", op.name().toLowerCase(Locale.ROOT),
                    committed(op), received(op), matched(op)));
        }
        return table.toString();
    }
}
