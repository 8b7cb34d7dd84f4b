package io.github.cdcverify.bench;

import io.github.cdcverify.connect.DebeziumPostgresConfig;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.setup.UsersTable;
import io.github.cdcverify.stack.CdcStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bench's own two users-shaped tables (latency and bulk) captured by one connector of its own, removed on
 * close like every {@link CapturedTable}. Both topics are created up front, so readers can be assigned to them
 * before the first event.
 */
final class BenchTarget implements AutoCloseable {

    /**
     * Connector settings of the bench on top of {@link DebeziumPostgresConfig}'s defaults; see
     * {@link #connectorSettings()} for why each is there.
     */
    static final Map<String, String> CONNECTOR_SETTINGS = Map.of(
            // No rows exist yet: skip the snapshot's table scan and locks.
            "snapshot.mode", "no_data",
            // Connect's producer keeps one request in flight (max.in.flight.requests.per.connection=1). A JSON event
            // with schemas is ~2 KB, so the default 16 KB batch carries ~7 events per round trip, which capped
            // throughput at ~3,000 events/s. A 256 KB batch costs no latency with linger.ms=0: a lone event still
            // leaves at once, and a burst fills the batch while the previous request is in flight.
            "producer.override.batch.size", "262144",
            // Debezium waits up to poll.interval.ms twice: between empty reads of the replication stream, and in its
            // queue for a fuller batch. 1 ms instead of the project's 5 cut the median commit-to-consumed latency by
            // ~2.5 ms (sourceToEnvelope 2.5 -> 0.7 ms, envelopeToKafka 3.3 -> 1.6 ms) for some idle CPU: keep it in
            // production where latency matters more than a few wake-ups a millisecond.
            "poll.interval.ms", "1",
            // Debezium 3 adds four __debezium.context.* headers (connector name and logical name, task id, run id)
            // to every record, which Connect converts one by one: ~13% of the task thread's CPU. Nothing reads them
            // here; keep them off in production too unless your consumers trace events back to connectors by them.
            "extended.headers.enabled", "false",
            // Bound what one task holds in flight. With Debezium's queue of 8,192 events and the producer's 32 MB
            // buffer full during a burst, ~15,000 events (~50 MB of objects) were always alive: they outlived young
            // collections, filled the old generation and forced a full collection every second or so; the run's
            // throughput then fell from ~25,000 to ~17,000 events/s, depending on when that began. 1,024 events
            // and 4 MB (16 of the 256 KB batches) keep the heap at ~70 MB after each young collection, cost no
            // throughput and are worth keeping on any worker whose heap is not sized for bursts.
            "max.queue.size", "1024",
            "max.batch.size", "512",
            "producer.override.buffer.memory", String.valueOf(4 * 1024 * 1024));

    private final CapturedTable captured;
    private final TableName bulk;

    private BenchTarget(CapturedTable captured) {
        this.captured = captured;
        this.bulk = captured.table("bulk");
    }

    /** Creates the tables and topics and returns once the connector streams. */
    static BenchTarget create(CdcStack stack, Map<String, String> overrides) {
        CapturedTable captured = CapturedTable.on(stack, "bench")
                .beforeConnector((connection, table) -> {
                    new UsersTable(table.table("bulk")).create(connection);
                    createTopics(stack, List.of(table.topic(), table.topic(table.table("bulk"))));
                })
                .withConnectorConfig(config -> configure(config, overrides).withTables(
                        config.toMap().get("table.include.list"),
                        "public." + config.toMap().get("topic.prefix") + "_bulk"))
                .start();
        return new BenchTarget(captured);
    }

    private static DebeziumPostgresConfig configure(DebeziumPostgresConfig config, Map<String, String> overrides) {
        DebeziumPostgresConfig result = config;
        for (Map.Entry<String, String> setting : CONNECTOR_SETTINGS.entrySet()) {
            result = result.with(setting.getKey(), setting.getValue());
        }
        for (Map.Entry<String, String> setting : overrides.entrySet()) {
            result = result.with(setting.getKey(), setting.getValue());
        }
        return result;
    }

    private static void createTopics(CdcStack stack, List<String> topics) {
        try (Admin admin = Admin.create(stack.kafka().clientProperties(Map.of()))) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new BenchException("Could not create the bench's topics " + topics + " on Kafka at "
                    + stack.kafkaBootstrapServers() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("Interrupted while creating the bench's topics", e);
        }
    }

    /** The connector's configuration as registered, password masked. */
    Map<String, String> connectorSettings() {
        return io.github.cdcverify.connect.Secrets.mask(captured.connect().config(captured.connectorName()));
    }

    CapturedTable captured() {
        return captured;
    }

    TableName latencyTable() {
        return captured.table();
    }

    String latencyTopic() {
        return captured.topic();
    }

    TableName bulkTable() {
        return bulk;
    }

    String bulkTopic() {
        return captured.topic(bulk);
    }

    @Override
    public void close() {
        captured.close();
    }
}
