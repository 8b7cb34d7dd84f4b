package io.github.cdcverify.check.smt;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Test-only producer interceptor that delivers changes twice on purpose, as at-least-once delivery does: every
 * {@value #EVERY}-th change record a source task sends (tombstones pass, not counted) is written once more, byte for
 * byte, through a producer of its own, once the original was acknowledged, so that the copy comes after it (a copy
 * sent before it could overtake earlier records still buffered in the task's producer: a reordering, not a mere
 * repeat). A transform cannot do this (it returns one record or none); a connector installs the interceptor with
 * {@code producer.override.interceptor.classes}. Counting acknowledgements in send order assumes one partition, as
 * the embedded stack's topics have.
 */
public final class RepeatEveryNthChange implements ProducerInterceptor<byte[], byte[]> {

    /** Every how many change records one is sent twice. */
    public static final int EVERY = 25;

    private final Queue<ProducerRecord<byte[], byte[]>> toRepeat = new ConcurrentLinkedQueue<>();
    private KafkaProducer<byte[], byte[]> copies;
    private long changesSent;
    private long changesAcknowledged;

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        if (record.value() != null && ++changesSent % EVERY == 0) {
            toRepeat.add(new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value(),
                    record.headers()));
        }
        return record;
    }

    /** On the producer's I/O thread, in send order per partition: the copy is only handed over, never awaited. */
    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        // A tombstone's serialized value size is -1.
        if (exception == null && metadata != null && metadata.serializedValueSize() >= 0
                && ++changesAcknowledged % EVERY == 0) {
            copies.send(toRepeat.poll());
        }
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Map<String, Object> own = new HashMap<>();
        Object servers = configs.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        own.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(servers));
        own.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        own.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        own.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        copies = new KafkaProducer<>(own);
    }

    @Override
    public void close() {
        if (copies != null) {
            copies.close();
        }
    }
}
