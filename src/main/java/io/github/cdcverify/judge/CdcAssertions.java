package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;

import java.util.List;

/**
 * The entry point to cdc-verify's AssertJ assertions on change events. Both methods are named {@code assertThat}
 * and can be statically imported next to {@code org.assertj.core.api.Assertions.assertThat}: Java picks these for a
 * {@link ChangeEvent} or a {@code List<ChangeEvent>} because they are the more specific overloads. The list
 * assertion is a full AssertJ list assertion too ({@code extracting}, {@code containsExactly}, ...).
 *
 * <pre>{@code
 * assertThat(event).isUpdate().hasKey("id", 4).hasAfter("email", "eve@example.org").isStreamed();
 * assertThat(events).matchesLedger(ledger).hasNoDuplicates().keepsTransactionsContiguous();
 * }</pre>
 */
public final class CdcAssertions {

    private CdcAssertions() {
    }

    /** Assertions on one change event; failures print the whole event. */
    public static ChangeEventAssert assertThat(ChangeEvent actual) {
        return new ChangeEventAssert(actual);
    }

    /** Assertions on a stream of change events as read from a topic, in the order read. */
    public static ChangeStreamAssert assertThat(List<? extends ChangeEvent> actual) {
        return new ChangeStreamAssert(actual);
    }

    /** The same as {@link #assertThat(List)}, for code where that name is taken by another static import. */
    public static ChangeStreamAssert assertThatStream(List<? extends ChangeEvent> actual) {
        return new ChangeStreamAssert(actual);
    }
}
