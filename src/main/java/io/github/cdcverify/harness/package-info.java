/**
 * What a test project uses to write scenarios against a real pipeline: {@link io.github.cdcverify.harness.PipelineTest}
 * and the JUnit 5 extension owning the run's stack, {@link io.github.cdcverify.harness.CapturedTable} (a table with a
 * connector of its own), and {@link io.github.cdcverify.harness.LiveRun} (generated writes, recorded stream, verdict).
 */
package io.github.cdcverify.harness;
