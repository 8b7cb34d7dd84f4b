package io.github.cdcverify.judge;

import io.github.cdcverify.event.Op;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What went wrong for one key.
 *
 * @param key        the row's id
 * @param expected   ops committed for the key, in commit order
 * @param received   ops received for the key, in stream order, duplicates and unexpected events included
 * @param lost       committed changes with no matching event
 * @param duplicated events equal to one already matched
 * @param unexpected events matching no committed change
 * @param outOfOrder whether the matched events arrived in another order than committed
 */
public record KeyProblem(long key, List<Op> expected, List<Op> received, int lost, int duplicated, int unexpected,
                         boolean outOfOrder) {

    public KeyProblem {
        expected = List.copyOf(expected);
        received = List.copyOf(received);
    }

    /** E.g. {@code key 17: expected [c, u, d] but received [c, d] (1 lost)}. */
    public String describe() {
        List<String> details = new ArrayList<>();
        if (lost > 0) {
            details.add(lost + " lost");
        }
        if (duplicated > 0) {
            details.add(duplicated + " duplicated");
        }
        if (outOfOrder) {
            details.add("out of order");
        }
        if (unexpected > 0) {
            details.add(unexpected + " unexpected");
        }
        return "key " + key + ": expected " + codes(expected) + " but received " + codes(received)
                + " (" + String.join(", ", details) + ")";
    }

    private static String codes(List<Op> ops) {
        return ops.stream().map(Op::code).collect(Collectors.joining(", ", "[", "]"));
    }
}
