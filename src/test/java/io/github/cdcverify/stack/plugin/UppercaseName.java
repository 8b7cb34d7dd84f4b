package io.github.cdcverify.stack.plugin;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.Transformation;

import java.util.Locale;
import java.util.Map;

/**
 * A user's own SMT, as a plugin jar on a worker's plugin path brings it (DebeziumVersionIT builds that jar from this
 * class): the {@code after} image's {@code name} in upper case.
 */
public final class UppercaseName<R extends ConnectRecord<R>> implements Transformation<R> {

    @Override
    public R apply(R record) {
        if (record.value() instanceof Struct envelope && envelope.schema().field("after") != null
                && envelope.get("after") instanceof Struct after && after.schema().field("name") != null
                && after.get("name") instanceof String name) {
            after.put("name", name.toUpperCase(Locale.ROOT));
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
