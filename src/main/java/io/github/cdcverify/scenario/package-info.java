/**
 * The building blocks of a scenario on a real pipeline, for a user's own tests and for the CLI's checks alike:
 * {@link io.github.cdcverify.scenario.CapturedTable} (a table with a connector, slot, publication and topic of its
 * own, all removed on close) and {@link io.github.cdcverify.scenario.LiveRun} (ledgered writes, the recorded
 * stream and the verdict comparing them).
 */
package io.github.cdcverify.scenario;
