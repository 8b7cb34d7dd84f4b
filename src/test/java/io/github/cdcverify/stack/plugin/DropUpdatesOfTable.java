package io.github.cdcverify.stack.plugin;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.Transformation;

import java.util.Map;

/**
 * A user's own SMT with a bug, as a plugin jar brings it (ConnectorConfigIT builds that jar from this class): it drops
 * every update of the table named by its {@code table} setting and passes everything else on.
 */
public final class DropUpdatesOfTable<R extends ConnectRecord<R>> implements Transformation<R> {

    private String table;

    @Override
    public R apply(R record) {
        if (record.value() instanceof Struct envelope && envelope.schema().field("op") != null
                && "u".equals(envelope.get("op")) && envelope.get("source") instanceof Struct source
                && table.equals(source.get("table"))) {
            return null;
        }
        return record;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef().define("table", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH,
                "The table whose updates are dropped");
    }

    @Override
    public void configure(Map<String, ?> settings) {
        table = String.valueOf(settings.get("table"));
    }

    @Override
    public void close() {
    }
}
