package io.github.cdcverify.cli;

import io.github.cdcverify.generate.GeneratorSettings;
import io.github.cdcverify.generate.Mix;
import io.github.cdcverify.setup.TableName;
import picocli.CommandLine.Option;

import java.time.Duration;

/** What to write: shared by {@code generate} and {@code demo}. */
final class GeneratorOptions {

    @Option(names = "--mix", defaultValue = "60:30:10", converter = Converters.MixConverter.class,
            description = "Weights of inserts:updates:deletes (default: ${DEFAULT-VALUE}).")
    Mix mix;

    @Option(names = "--rate", description = "Changes per second; 0 for as fast as possible.")
    Double rate;

    @Option(names = "--count", description = "Stop after this many changes.")
    Long count;

    @Option(names = "--duration", converter = Converters.DurationConverter.class,
            description = "Stop after this long, e.g. 20s, 5m, PT1H.")
    Duration duration;

    @Option(names = "--rows-per-tx", defaultValue = "1",
            description = "Changes per transaction (default: ${DEFAULT-VALUE}).")
    int rowsPerTransaction;

    @Option(names = "--seed", description = "Random seed, for a repeatable run (default: random, printed).")
    Long seed;

    GeneratorSettings settings(TableName table, double defaultRate, Duration defaultDuration) {
        Duration runFor = duration == null ? (count == null ? defaultDuration : null) : duration;
        return GeneratorSettings.defaults()
                .withSchema(table.schema())
                .withTable(table.table())
                .withMix(mix)
                .withRate(rate == null ? defaultRate : rate)
                .withCount(count)
                .withDuration(runFor)
                .withRowsPerTransaction(rowsPerTransaction)
                .withSeed(seed);
    }
}
