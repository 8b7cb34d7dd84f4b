/**
 * JUnit 5 only: {@link io.github.cdcverify.harness.PipelineTest} and the extension that owns the run's stack (one
 * per run, shared by every test class, checked for leftovers at the end) and hands it to the tests that ask for a
 * {@link io.github.cdcverify.stack.CdcStack}. What a scenario does on that stack lives in
 * {@link io.github.cdcverify.scenario}.
 */
package io.github.cdcverify.harness;
