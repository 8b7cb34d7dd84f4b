package io.github.cdcverify.check.smt;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.Transformation;

import java.util.Map;

/**
 * Test-only transform that mislabels changes on purpose: every fifth update envelope a task hands over leaves with
 * {@code op} {@code c}, as a create of a row that exists already; its row images stay as they were.
 */
public final class CreateForEveryFifthUpdate<R extends ConnectRecord<R>> implements Transformation<R> {

    /** Every how many updates one becomes a create. */
    public static final int EVERY = 5;

    private long updatesSeen;

    @Override
    public R apply(R record) {
        if (!(record.value() instanceof Struct envelope) || envelope.schema().field("op") == null
                || !"u".equals(envelope.getString("op")) || ++updatesSeen % EVERY != 0) {
            return record;
        }
        Struct create = new Struct(envelope.schema());
        for (Field field : envelope.schema().fields()) {
            create.put(field, envelope.get(field));
        }
        create.put("op", "c");
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                record.valueSchema(), create, record.timestamp(), record.headers());
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public void configure(Map<String, ?> settings) {
    }

    @Override
    public void close() {
    }
}
