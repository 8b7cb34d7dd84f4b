/**
 * Judging what arrived: AssertJ assertions for events and streams, the ledger-vs-stream
 * {@link io.github.cdcverify.verify.Verdict}, and the table-vs-topic comparison of a deployed connector: what is
 * right and what differs. The {@code check} package decides when to run them against a pipeline and reports.
 */
package io.github.cdcverify.verify;
