package io.github.cdcverify.generate;

import io.github.cdcverify.setup.TableName;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the {@link Generator} writes, how fast and for how long. Immutable: every {@code withX} method returns a copy.
 *
 * <p>Defaults ({@link #defaults()}): mix {@code 60:30:10}, rate 0 (as fast as possible), count 1000, no duration
 * limit, 1 row per transaction, a freshly drawn random seed, table {@code "public"."users"}, no limit on the
 * table's rows.
 *
 * <p>Each {@code withX} method rejects a bad value at once; whether count or duration is set is only checked by
 * {@link #validate()} (the generator calls it), so that the two can be set and cleared in any order.
 */
public final class GeneratorSettings {

    private static final long DEFAULT_COUNT = 1000;
    private static final SecureRandom SEEDS = new SecureRandom();

    private final Mix mix;
    private final double rate;
    private final Long count;
    private final Duration duration;
    private final int rowsPerTransaction;
    private final long seed;
    private final String schema;
    private final String table;
    private final Integer maxRows;

    private GeneratorSettings(Mix mix, double rate, Long count, Duration duration, int rowsPerTransaction,
                              long seed, String schema, String table, Integer maxRows) {
        this.mix = mix;
        this.rate = rate;
        this.count = count;
        this.duration = duration;
        this.rowsPerTransaction = rowsPerTransaction;
        this.seed = seed;
        this.schema = schema;
        this.table = table;
        this.maxRows = maxRows;
    }

    /** The defaults listed in the class comment, with a new random seed each call. */
    public static GeneratorSettings defaults() {
        return new GeneratorSettings(Mix.DEFAULT, 0, DEFAULT_COUNT, null, 1, SEEDS.nextLong(), "public", "users",
                null);
    }

    /** Relative weights of inserts, updates and deletes (default {@code 60:30:10}). */
    public GeneratorSettings withMix(Mix mix) {
        return new GeneratorSettings(Objects.requireNonNull(mix, "mix"), rate, count, duration, rowsPerTransaction,
                seed, schema, table, maxRows);
    }

    /**
     * Row changes per second; 0 (the default) means as fast as possible.
     *
     * @throws IllegalArgumentException when negative, NaN or infinite
     */
    public GeneratorSettings withRate(double opsPerSecond) {
        if (!(opsPerSecond >= 0) || Double.isInfinite(opsPerSecond)) {
            throw new IllegalArgumentException("Rate must be 0 (as fast as possible) or a positive number of "
                    + "row changes per second, but was " + opsPerSecond);
        }
        return new GeneratorSettings(mix, opsPerSecond, count, duration, rowsPerTransaction, seed, schema, table,
                maxRows);
    }

    /**
     * Stop after this many committed row changes (default 1000); {@code null} removes the limit.
     *
     * @throws IllegalArgumentException when not positive
     */
    public GeneratorSettings withCount(Long count) {
        if (count != null && count <= 0) {
            throw new IllegalArgumentException("Count must be a positive number of row changes, but was " + count);
        }
        return new GeneratorSettings(mix, rate, count, duration, rowsPerTransaction, seed, schema, table, maxRows);
    }

    /**
     * Stop starting new row changes after this long (default: no limit); {@code null} removes the limit.
     *
     * @throws IllegalArgumentException when zero or negative
     */
    public GeneratorSettings withDuration(Duration duration) {
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException("Duration must be positive, but was " + duration);
        }
        return new GeneratorSettings(mix, rate, count, duration, rowsPerTransaction, seed, schema, table, maxRows);
    }

    /**
     * Row changes per transaction (default 1).
     *
     * @throws IllegalArgumentException when less than 1
     */
    public GeneratorSettings withRowsPerTransaction(int rowsPerTransaction) {
        if (rowsPerTransaction < 1) {
            throw new IllegalArgumentException("Rows per transaction must be at least 1, but was "
                    + rowsPerTransaction);
        }
        return new GeneratorSettings(mix, rate, count, duration, rowsPerTransaction, seed, schema, table, maxRows);
    }

    /** Seed for all random choices; {@code null} draws a new random seed (the default). */
    public GeneratorSettings withSeed(Long seed) {
        long resolved = seed != null ? seed : SEEDS.nextLong();
        return new GeneratorSettings(mix, rate, count, duration, rowsPerTransaction, resolved, schema, table,
                maxRows);
    }

    /**
     * Schema of the table (default {@code public}).
     *
     * @throws IllegalArgumentException when not matching the rule of {@link TableName}
     */
    public GeneratorSettings withSchema(String schema) {
        return new GeneratorSettings(mix, rate, count, duration, rowsPerTransaction, seed,
                TableName.requireIdentifier("schema", schema), table, maxRows);
    }

    /**
     * Table to write to (default {@code users}); it needs columns {@code id} (serial key), {@code name} and
     * {@code email}.
     *
     * @throws IllegalArgumentException when not matching the rule of {@link TableName}
     */
    public GeneratorSettings withTable(String table) {
        return new GeneratorSettings(mix, rate, count, duration, rowsPerTransaction, seed, schema,
                TableName.requireIdentifier("table", table), maxRows);
    }

    /**
     * Keep the table at this many rows at most (default: no limit, {@code null}): once the generator knows of that
     * many, each insert the mix asks for becomes a delete, so that a long run stays at a steady size instead of
     * growing with its length (and so does the memory of whatever follows its keys).
     *
     * @throws IllegalArgumentException when not positive
     */
    public GeneratorSettings withMaxRows(Integer maxRows) {
        if (maxRows != null && maxRows <= 0) {
            throw new IllegalArgumentException("Max rows must be a positive number of rows, but was " + maxRows);
        }
        return new GeneratorSettings(mix, rate, count, duration, rowsPerTransaction, seed, schema, table, maxRows);
    }

    /**
     * Checks the rules that involve several settings.
     *
     * @return this
     * @throws IllegalArgumentException when neither a count nor a duration is set
     */
    public GeneratorSettings validate() {
        if (count == null && duration == null) {
            throw new IllegalArgumentException("Set a count, a duration or both: with neither the generator "
                    + "would never stop on its own");
        }
        return this;
    }

    public Mix mix() {
        return mix;
    }

    /** The most rows the table is kept at, or {@code null} for no limit. */
    public Integer maxRows() {
        return maxRows;
    }

    /** Row changes per second; 0 means as fast as possible. */
    public double rate() {
        return rate;
    }

    public OptionalLong count() {
        return count == null ? OptionalLong.empty() : OptionalLong.of(count);
    }

    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    public int rowsPerTransaction() {
        return rowsPerTransaction;
    }

    /** The seed in use; always set, drawn at random unless given. */
    public long seed() {
        return seed;
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    /** {@code "schema"."table"}, ready to put in SQL. */
    public String qualifiedTable() {
        return new TableName(schema, table).quoted();
    }

    /** One line with every setting, including the seed, for logs and reports. */
    @Override
    public String toString() {
        return "table " + schema + "." + table
                + ", mix " + mix
                + ", rate " + (rate == 0 ? "unlimited" : rate + " ops/s")
                + ", count " + (count == null ? "unlimited" : count)
                + ", duration " + (duration == null ? "unlimited" : duration)
                + ", rows/tx " + rowsPerTransaction
                + (maxRows == null ? "" : ", max rows " + maxRows)
                + ", seed " + seed;
    }
}
