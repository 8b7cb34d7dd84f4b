/** The {@code cdc-verify} command line (picocli): up, setup, consume, generate, demo, verify, bench. */
package io.github.cdcverify.cli;
