/**
 * The {@code data} check's reading: a captured table streamed in key order through a server-side cursor, its
 * topics folded to each key's latest row, both in threads of their own with a progress line, and compared row by
 * row with {@code judge}'s typed comparison; keyless tables under REPLICA IDENTITY FULL as a multiset of rows.
 */
package io.github.cdcverify.datacheck;
