/**
 * The building blocks of a scenario on a real pipeline, for a user's own tests and for the CLI's checks alike:
 * {@link io.github.cdcverify.scenario.CapturedTable} (a table with a connector, slot, publication and topic of its
 * own, all removed on close) and {@link io.github.cdcverify.scenario.LiveRun} (ledgered writes, the recorded
 * stream and the verdict comparing them), {@link io.github.cdcverify.scenario.ConnectorUnderTest} (the user's own
 * connector config and schema on a database of its own, with {@link io.github.cdcverify.scenario.ConnectorUnderTestAssert})
 * and {@link io.github.cdcverify.scenario.LedgerReading} (a topic read for the exact ledger comparison).
 */
package io.github.cdcverify.scenario;
