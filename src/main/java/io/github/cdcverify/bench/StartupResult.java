package io.github.cdcverify.bench;

import java.util.Map;

/**
 * How long the pipeline took to get going.
 *
 * @param componentsMs              each component's start, in milliseconds (empty when the stack does not say;
 *                                  PostgreSQL starts in parallel with Kafka, so they overlap)
 * @param stackMs                   the whole stack's start, as measured by the caller ({@code null} for a stack
 *                                  started elsewhere)
 * @param connectorMs               connector registered to task RUNNING with its slot active
 * @param firstEventMs              connector streaming to the first change event consumed
 * @param processStartToFirstEventMs JVM start to the first change event consumed
 */
public record StartupResult(Map<String, Long> componentsMs, Long stackMs, long connectorMs, long firstEventMs,
                            long processStartToFirstEventMs) {
}
