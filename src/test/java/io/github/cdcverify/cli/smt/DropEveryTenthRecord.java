package io.github.cdcverify.cli.smt;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;

import java.util.Map;

/**
 * Test-only transform that loses data on purpose: every tenth record it sees never reaches Kafka (a transform that
 * returns null drops the record). It counts per task, in the order the task hands records over.
 */
public final class DropEveryTenthRecord<R extends ConnectRecord<R>> implements Transformation<R> {

    private long seen;

    @Override
    public R apply(R record) {
        return ++seen % 10 == 0 ? null : record;
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
