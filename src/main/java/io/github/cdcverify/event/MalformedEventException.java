package io.github.cdcverify.event;

/**
 * A Kafka record that cannot be read as a Debezium change event.
 *
 * <p>The message is one paragraph naming the record's position, what was wrong and how to fix it, so it can be shown
 * to a user as is.
 */
public final class MalformedEventException extends RuntimeException {

    private final String topic;
    private final int partition;
    private final long offset;

    /**
     * @param problem what is wrong with the record, e.g. "value is not valid JSON: ...", without a final period
     * @param fix     what the user should check or change
     * @param cause   the underlying parser error, may be {@code null}
     */
    public MalformedEventException(String topic, int partition, long offset, String problem, String fix,
                                   Throwable cause) {
        super("Cannot read record at topic " + topic + ", partition " + partition + ", offset " + offset + ": "
                + problem + ". " + fix + (fix.endsWith(".") ? "" : "."), cause);
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    /** The topic the record was read from. */
    public String topic() {
        return topic;
    }

    /** The partition the record was read from. */
    public int partition() {
        return partition;
    }

    /** The record's offset within its partition. */
    public long offset() {
        return offset;
    }
}
