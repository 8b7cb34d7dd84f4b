/**
 * Judging what arrived, without I/O or waits: AssertJ assertions for events and streams, the ledger-vs-stream
 * {@link io.github.cdcverify.judge.Verdict}, the exact ledger comparison and the typed comparison of a table's
 * value with its topic's. Reading tables and topics belongs to the layers above ({@code datacheck}, {@code scenario},
 * {@code check}): "verify" is only the command's name.
 */
package io.github.cdcverify.judge;
