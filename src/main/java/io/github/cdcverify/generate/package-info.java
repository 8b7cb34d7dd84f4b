/** Writing changes: the generator, its settings, and the {@link io.github.cdcverify.generate.Ledger} of every committed change. */
package io.github.cdcverify.generate;
