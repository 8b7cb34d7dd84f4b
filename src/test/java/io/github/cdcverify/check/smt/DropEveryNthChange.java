package io.github.cdcverify.check.smt;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;

import java.util.Map;

/**
 * Test-only transform that loses changes on purpose: of the change records a task hands over, every
 * {@value #EVERY_CONFIG}-th never reaches Kafka (a transform that returns null drops the record). Tombstones pass
 * and are not counted, so that exactly {@code changes / every} changes are lost, and which ones follows from the
 * commit order: the {@code every}-th, {@code 2 * every}-th... change of the ledger.
 */
public final class DropEveryNthChange<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String EVERY_CONFIG = "every";

    private long every;
    private long changesSeen;

    @Override
    public R apply(R record) {
        if (record.value() == null) {
            return record;
        }
        return ++changesSeen % every == 0 ? null : record;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef().define(EVERY_CONFIG, ConfigDef.Type.LONG, ConfigDef.Importance.HIGH,
                "Drop every n-th change record");
    }

    @Override
    public void configure(Map<String, ?> settings) {
        every = Long.parseLong(String.valueOf(settings.get(EVERY_CONFIG)));
    }

    @Override
    public void close() {
    }
}
