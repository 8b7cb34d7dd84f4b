package com.example.smt;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.Transformation;

import java.util.Map;

/** This service's own SMT: the {@code email} of a Debezium envelope's {@code after} image is masked. */
public final class MaskEmail<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String MASKED = "***";

    @Override
    public R apply(R record) {
        if (record.value() instanceof Struct envelope && envelope.schema().field("after") != null
                && envelope.get("after") instanceof Struct after && after.schema().field("email") != null
                && after.get("email") != null) {
            after.put("email", MASKED);
        }
        return record;
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
