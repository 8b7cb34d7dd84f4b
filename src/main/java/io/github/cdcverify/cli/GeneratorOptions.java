package io.github.cdcverify.cli;

import io.github.cdcverify.generate.GeneratorSettings;
import io.github.cdcverify.generate.Mix;
import io.github.cdcverify.setup.TableName;
import picocli.CommandLine.Option;

import java.time.Duration;

/** What to write: shared by {@code generate} and {@code demo}. */
final class GeneratorOptions {

    @Option(names = "--mix", defaultValue = "60:30:10",
            description = "Weights of inserts:updates:deletes (default: ${DEFAULT-VALUE}).")
    String mix;

    @Option(names = "--rate", description = "Changes per second; 0 for as fast as possible.")
    Double rate;

    @Option(names = "--count", description = "Stop after this many changes.")
    Long count;

    @Option(names = "--duration", description = "Stop after this long, e.g. 20s, 5m, PT1H.")
    String duration;

    @Option(names = "--rows-per-tx", defaultValue = "1",
            description = "Changes per transaction (default: ${DEFAULT-VALUE}).")
    int rowsPerTransaction;

    @Option(names = "--seed", description = "Random seed, for a repeatable run (default: random, printed).")
    Long seed;

    GeneratorSettings settings(TableName table, double defaultRate, Duration defaultDuration) {
        Duration runFor = duration == null ? (count == null ? defaultDuration : null) : Durations.parse(duration,
                "--duration");
        return GeneratorSettings.defaults()
                .withSchema(table.schema())
                .withTable(table.table())
                .withMix(Mix.parse(mix))
                .withRate(rate == null ? defaultRate : rate)
                .withCount(count)
                .withDuration(runFor)
                .withRowsPerTransaction(rowsPerTransaction)
                .withSeed(seed);
    }
}
