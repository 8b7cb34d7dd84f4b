package io.github.cdcverify.consume;

/** Where a new consumer starts reading a topic. */
public enum StartFrom {
    /** Every record still on the topic, from its first offset. */
    BEGINNING,
    /** Only records written after the consumer was assigned its partitions. */
    NOW
}
