/** Measuring a pipeline: start-up, latency, throughput and memory, written as a report with charts. */
package io.github.cdcverify.bench;
