package io.github.cdcverify.bench;

/**
 * The clocks one single-row transaction passed, all in microseconds since the epoch (same machine, same clock).
 *
 * @param commitSentUs     client clock just before the INSERT (auto-commit) was sent
 * @param commitReturnedUs client clock right after the COMMIT returned
 * @param sourceTsUs       {@code source.ts_us}: the transaction's commit time in PostgreSQL
 * @param envelopeTsUs     envelope {@code ts_us}: when Debezium processed the event
 * @param kafkaTsMs        the Kafka record's timestamp (milliseconds: the producer's clock at send)
 * @param consumedUs       client clock when the bench's consumer got the record
 */
public record LatencySample(long commitSentUs, long commitReturnedUs, long sourceTsUs, long envelopeTsUs,
                            long kafkaTsMs, long consumedUs) {

    /** Commit returned to consumed: the latency a user of the pipeline sees. */
    public long endToEndUs() {
        return consumedUs - commitReturnedUs;
    }
}
