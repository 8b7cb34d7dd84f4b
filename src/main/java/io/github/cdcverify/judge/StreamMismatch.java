package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stream does not match the ledger, as a finished {@link StreamChecker} judged it. An {@link AssertionError}, so
 * that a check reports it as failed (the pipeline is wrong), not as an error. Its message has a headline naming every
 * kind of problem with its count (lost changes per op), a line saying when it was judged, the first few of each kind
 * with their keys, and the checker's table on lines of its own:
 *
 * <pre>
 * The stream of public.orders does not match the ledger of 1000 committed changes: 40 lost (create 24, update 10, delete 6)
 * Judged when nothing new had arrived for 10 s: the stream stopped short of the ledger.
 *   lost 40 (create 24, update 10, delete 6), first 5:
 *     key 25 (create #1, change 25 of the ledger): committed but never received
 *     ...
 * op             committed  received   matched
 * create               600       576       576
 * ...
 * </pre>
 */
public final class StreamMismatch extends AssertionError {

    private static final int SHOWN = 5;
    private static final String NL = System.lineSeparator();

    private final transient StreamProblems problems;

    private StreamMismatch(String message, StreamProblems problems) {
        super(message);
        this.problems = problems;
    }

    /**
     * @param checker a checker after {@link StreamChecker#finish()}, which found problems
     * @param subject what was read, e.g. {@code "The stream of public.orders"}
     * @param when    when and why it was judged, one sentence
     */
    public static StreamMismatch of(StreamChecker checker, String subject, String when) {
        StreamProblems found = checker.problems();
        StringBuilder message = new StringBuilder(subject).append(" does not match the ledger of ")
                .append(checker.committedTotal()).append(" committed changes: ").append(headline(found))
                .append(NL).append(when);
        examples(message, "lost " + found.lost() + " (" + found.lostByOp() + ")", found.lost(),
                found.lostDescriptions(), Function.identity());
        examples(message, "duplicated " + found.duplicated(), found.duplicated(), found.duplicatedExamples(),
                event -> "key " + keyOf(event) + ": event at " + event.position() + " repeats one already received");
        examples(message, "out of order " + found.outOfOrderKeys() + " keys", found.outOfOrderKeys(),
                found.outOfOrderExamples(), key -> "key " + key);
        examples(message, "unexpected " + found.unexpected(), found.unexpected(), found.unexpectedExamples(),
                event -> "key " + keyOf(event) + ": event at " + event.position() + " (op "
                        + (event.op() == null ? "none" : event.op().code()) + ") matches no committed change");
        examples(message, "changed " + found.changedValues() + " values", found.changedValues(),
                found.changedExamples(), ChangedValue::describe);
        examples(message, "no tombstone " + found.missingTombstones() + " deletes", found.missingTombstones(),
                found.missingTombstoneExamples(), Function.identity());
        message.append(NL).append(checker.summary());
        return new StreamMismatch(message.toString(), found);
    }

    /** Every kind of problem found with its count, e.g. {@code 40 lost (create 24, update 16), 3 duplicated}. */
    static String headline(StreamProblems found) {
        List<String> parts = new ArrayList<>();
        if (found.lost() > 0) {
            parts.add(found.lost() + " lost (" + found.lostByOp() + ")");
        }
        if (found.duplicated() > 0) {
            parts.add(found.duplicated() + " duplicated");
        }
        if (found.outOfOrderKeys() > 0) {
            parts.add(found.outOfOrderKeys() + " keys out of order");
        }
        if (found.unexpected() > 0) {
            parts.add(found.unexpected() + " unexpected");
        }
        if (found.changedValues() > 0) {
            parts.add(found.changedValues() + " changed values");
        }
        if (found.missingTombstones() > 0) {
            parts.add(found.missingTombstones() + " deletes without tombstone");
        }
        return String.join(", ", parts);
    }

    private static <T> void examples(StringBuilder message, String title, long count, List<T> kept,
                                     Function<T, String> describe) {
        if (count == 0) {
            return;
        }
        List<T> shown = kept.subList(0, Math.min(SHOWN, kept.size()));
        message.append(NL).append("  ").append(title).append(", first ").append(shown.size()).append(':');
        message.append(shown.stream().map(describe).map(line -> NL + "    " + line).collect(Collectors.joining()));
    }

    private static String keyOf(ChangeEvent event) {
        return Objects.toString(EventValues.keyOf(event), String.valueOf(event.key()));
    }

    /** What was found: every problem counted, the first few of each kind in full. */
    public StreamProblems problems() {
        return problems;
    }
}
