package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.ChangeEventPrinter;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.event.Source;
import org.assertj.core.api.AbstractAssert;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * AssertJ assertions on one {@link ChangeEvent}. Every failure prints the whole event
 * ({@link ChangeEventPrinter#describe}) and then what was expected, e.g.
 * <pre>
 * Expecting change event
 *   event app.public.users-0@7
 *     op: c (create)
 *     ...
 * to be an update (op=u) but op was c
 * </pre>
 * Values compare loosely where JSON leaves the type open: numbers by value, so {@code 4} equals {@code 4L}.
 * Obtain instances with {@link CdcAssertions#assertThat(ChangeEvent)}.
 */
public final class ChangeEventAssert extends AbstractAssert<ChangeEventAssert, ChangeEvent> {

    /** Prefer {@link CdcAssertions#assertThat(ChangeEvent)}. */
    public ChangeEventAssert(ChangeEvent actual) {
        super(actual, ChangeEventAssert.class);
    }

    /** The event is an insert ({@code op=c}). */
    public ChangeEventAssert isCreate() {
        return hasOp(Op.CREATE);
    }

    /** The event is an update ({@code op=u}). */
    public ChangeEventAssert isUpdate() {
        return hasOp(Op.UPDATE);
    }

    /** The event is a delete ({@code op=d}); the tombstone that may follow it is a separate event. */
    public ChangeEventAssert isDelete() {
        return hasOp(Op.DELETE);
    }

    /** The event is a snapshot read ({@code op=r}). */
    public ChangeEventAssert isRead() {
        return hasOp(Op.READ);
    }

    /** The event is a truncate ({@code op=t}). */
    public ChangeEventAssert isTruncate() {
        return hasOp(Op.TRUNCATE);
    }

    /** The event is a logical decoding message ({@code op=m}). */
    public ChangeEventAssert isMessage() {
        return hasOp(Op.MESSAGE);
    }

    /** The event has this op; a tombstone has none and fails. */
    public ChangeEventAssert hasOp(Op expected) {
        isNotNull();
        String wanted = article(expected) + " (op=" + expected.code() + ")";
        if (actual.tombstone()) {
            fail("to be %s but it was a tombstone", wanted);
        }
        if (actual.op() != expected) {
            fail("to be %s but op was %s", wanted, actual.op() == null ? "null" : actual.op().code());
        }
        return this;
    }

    /** The event is a tombstone: the null-valued record that follows a delete. */
    public ChangeEventAssert isTombstone() {
        isNotNull();
        if (!actual.tombstone()) {
            fail("to be a tombstone but op was %s", actual.op() == null ? "null" : actual.op().code());
        }
        return this;
    }

    /** The record key equals {@code expected} (all fields, numbers by value). */
    public ChangeEventAssert hasKey(Map<String, ?> expected) {
        isNotNull();
        if (!ColumnComparison.loosely(expected, actual.key())) {
            fail("to have key %s but key was %s", json(expected), json(actual.key()));
        }
        return this;
    }

    /** The record key has {@code field} equal to {@code value}. */
    public ChangeEventAssert hasKey(String field, Object value) {
        isNotNull();
        checkField("key", actual.key(), field, value);
        return this;
    }

    /** The record has no key: truncates, messages, and tables without a primary key. */
    public ChangeEventAssert hasNoKey() {
        isNotNull();
        if (actual.key() != null) {
            fail("to have no key but key was %s", json(actual.key()));
        }
        return this;
    }

    /** {@code before} has {@code field} equal to {@code value}. */
    public ChangeEventAssert hasBefore(String field, Object value) {
        isNotNull();
        checkField("before", actual.before(), field, value);
        return this;
    }

    /** {@code after} has {@code field} equal to {@code value}. */
    public ChangeEventAssert hasAfter(String field, Object value) {
        isNotNull();
        checkField("after", actual.after(), field, value);
        return this;
    }

    /** {@code after} has exactly these fields with these values (numbers by value), no more and no fewer. */
    public ChangeEventAssert hasAfterExactly(Map<String, ?> expected) {
        isNotNull();
        if (!ColumnComparison.loosely(expected, actual.after())) {
            fail("to have after exactly%n  %s%nbut after was%n  %s%n%s", json(expected), json(actual.after()),
                    RowDifference.describe(expected, actual.after()));
        }
        return this;
    }

    /** {@code before} is null (inserts, reads, and updates under REPLICA IDENTITY DEFAULT). */
    public ChangeEventAssert hasNoBefore() {
        isNotNull();
        if (actual.before() != null) {
            fail("to have no before but before was %s", json(actual.before()));
        }
        return this;
    }

    /** {@code after} is null (deletes). */
    public ChangeEventAssert hasNoAfter() {
        isNotNull();
        if (actual.after() != null) {
            fail("to have no after but after was %s", json(actual.after()));
        }
        return this;
    }

    /** {@code source.table} is {@code table}. */
    public ChangeEventAssert hasSource(String table) {
        isNotNull();
        Source source = requireSource("source.table " + table);
        if (!Objects.equals(source.table(), table)) {
            fail("to come from table %s but source.table was %s", table, source.table());
        }
        return this;
    }

    /** {@code source.schema} and {@code source.table} are {@code schema} and {@code table}. */
    public ChangeEventAssert hasSource(String schema, String table) {
        isNotNull();
        Source source = requireSource("source " + schema + "." + table);
        if (!Objects.equals(source.schema(), schema) || !Objects.equals(source.table(), table)) {
            fail("to come from table %s.%s but source was %s.%s", schema, table, source.schema(), source.table());
        }
        return this;
    }

    /** {@code source.lsn} is greater than {@code other}'s: this change was written to the WAL later. */
    public ChangeEventAssert hasLsnAfter(ChangeEvent other) {
        isNotNull();
        Objects.requireNonNull(other, "other event");
        Long lsn = requireSource("a source.lsn").lsn();
        Long otherLsn = other.source() == null ? null : other.source().lsn();
        if (lsn == null || otherLsn == null || lsn <= otherLsn) {
            fail("to have a source.lsn after %s (of %s) but it was %s; the other event:%n%s", otherLsn,
                    other.position(), lsn, indent(ChangeEventPrinter.describe(other)));
        }
        return this;
    }

    /** {@code source.txId} is {@code txId}. */
    public ChangeEventAssert inTransaction(long txId) {
        isNotNull();
        Long actualTx = requireSource("source.txId " + txId).txId();
        if (actualTx == null || actualTx != txId) {
            fail("to be in transaction %s but source.txId was %s", txId, actualTx);
        }
        return this;
    }

    /** The event comes from the initial snapshot ({@code source.snapshot} set). */
    public ChangeEventAssert isSnapshot() {
        isNotNull();
        Source source = requireSource("a snapshot source");
        if (!source.isSnapshot()) {
            fail("to come from the snapshot but source.snapshot was %s", source.snapshot());
        }
        return this;
    }

    /** The event was streamed from the WAL, not read by the snapshot ({@code source.snapshot} null or false). */
    public ChangeEventAssert isStreamed() {
        isNotNull();
        Source source = requireSource("a streamed source");
        if (source.isSnapshot()) {
            fail("to be streamed but source.snapshot was %s", source.snapshot());
        }
        return this;
    }

    private void checkField(String part, Map<String, Object> values, String field, Object expected) {
        String name = part + "." + field;
        if (values == null) {
            fail("to have %s = %s but %s was null", name, json(expected), part);
        } else if (!values.containsKey(field)) {
            fail("to have %s = %s but %s has no field '%s' (fields: %s)", name, json(expected), part, field,
                    values.keySet());
        } else if (!ColumnComparison.loosely(expected, values.get(field))) {
            fail("to have %s = %s but it was %s", name, json(expected), json(values.get(field)));
        }
    }

    private Source requireSource(String wanted) {
        if (actual.source() == null) {
            fail("to have %s but it has no source block%s", wanted, actual.tombstone() ? " (a tombstone)" : "");
        }
        return actual.source();
    }

    /** Fails with the whole event, then {@code expectation} formatted with {@code args}. */
    private void fail(String expectation, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = indent(ChangeEventPrinter.describe(actual));
        System.arraycopy(args, 0, all, 1, args.length);
        failWithMessage("%nExpecting change event%n%s%n" + expectation, all);
    }

    static String indent(String text) {
        return "  " + text.replace("\n", String.format("%n  "));
    }

    private static String json(Object value) {
        return ChangeEventPrinter.toJson(value);
    }

    private static String article(Op op) {
        String name = switch (op) {
            case CREATE -> "create";
            case UPDATE -> "update";
            case DELETE -> "delete";
            case READ -> "snapshot read";
            case TRUNCATE -> "truncate";
            case MESSAGE -> "logical decoding message";
        };
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name.toLowerCase(Locale.ROOT);
    }
}
