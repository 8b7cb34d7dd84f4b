package io.github.cdcverify.cli.smt;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.Transformation;

import java.util.Map;

/**
 * Test-only transform that changes data on purpose: in Debezium envelopes of the row whose {@code id} is 2, the
 * {@code after} image's {@code email} becomes {@value #CHANGED}. Everything else passes untouched.
 */
public final class ChangeEmailOfRowTwo<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String CHANGED = "changed-by-smt@example.com";

    @Override
    public R apply(R record) {
        if (record.value() instanceof Struct envelope && envelope.schema().field("after") != null
                && envelope.get("after") instanceof Struct after && after.schema().field("email") != null
                && Integer.valueOf(2).equals(after.get("id"))) {
            after.put("email", CHANGED);
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
