/**
 * Where the pipeline runs and how to reach it: {@link io.github.cdcverify.stack.CdcStack} and its embedded, container
 * and external kinds, their shape ({@link io.github.cdcverify.stack.Shape}), endpoints and start-up. Knows nothing of
 * connectors, events or checks.
 */
package io.github.cdcverify.stack;
