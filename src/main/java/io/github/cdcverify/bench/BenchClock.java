package io.github.cdcverify.bench;

import java.time.Instant;

/** Wall-clock time in microseconds since the epoch: the unit Debezium's {@code ts_us} fields use. */
final class BenchClock {

    private BenchClock() {
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
