package io.github.cdcverify.cli;

import io.github.cdcverify.event.Op;
import io.github.cdcverify.generate.GeneratorResult;

import java.util.Locale;

final class Summaries {

    private Summaries() {
    }

    static String generated(GeneratorResult result) {
        return String.format(Locale.ROOT, "Committed %d changes (%d inserts, %d updates, %d deletes) in %d "
                        + "transactions in %.1f s (%.0f changes/s), seed %d%s.",
                result.totalChanges(), result.committed(Op.CREATE), result.committed(Op.UPDATE),
                result.committed(Op.DELETE), result.transactions(), result.elapsed().toMillis() / 1000.0,
                result.changesPerSecond(), result.seed(), result.stoppedEarly() ? ", stopped early" : "");
    }
}
