package io.github.cdcverify.harness;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.kafka.KafkaTopics;
import io.github.cdcverify.scenario.CapturedTable;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.setup.ReplicationSlots;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.RunningStack;
import io.github.cdcverify.stack.StackConfig;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.support.TypeBasedParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Owns the one stack of a test run: started on first use, shared through the root context's store (so every test
 * class sees the same stack, and a single scenario also runs alone from an IDE), closed when the run ends. When
 * {@code cdc-verify up} runs and {@code cdc.stack} is not set, the run attaches to that pipeline instead of starting
 * one ({@link RunningStack}; {@code -Dcdc.attach=false} turns it off).
 *
 * <p>Before closing it checks that no scenario left a {@code cdcv_} replication slot, publication, connector or
 * topic behind (a forgotten slot makes PostgreSQL keep WAL forever): if one did, it logs an ERROR and throws, which JUnit
 * reports as a failure of the run.
 */
public final class CdcStackExtension extends TypeBasedParameterResolver<CdcStack> {

    private static final Logger log = LoggerFactory.getLogger(CdcStackExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            CdcStackExtension.class);

    @Override
    public CdcStack resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return stack(extensionContext);
    }

    /** The run's stack, started if this is its first use. A failed start fails every later test at once. */
    public static CdcStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, key -> SharedStack.start(), SharedStack.class).get();
    }

    /**
     * The stack, or why it did not start (remembered so that a broken stack is not started again for each test).
     * Closed by JUnit when the root context ends, i.e. after the last test of the run.
     */
    private record SharedStack(CdcStack stack, RuntimeException failure) implements AutoCloseable {

        static SharedStack start() {
            long began = System.nanoTime();
            StackConfig config = StackConfig.fromSystem();
            CdcStack stack = RunningStack.of(config).attachable(config).orElseGet(config::newStack);
            try {
                stack.start();
            } catch (RuntimeException e) {
                stack.close();
                return new SharedStack(null, e);
            }
            log.info("Stack for this test run started in {} ms:{}{}", (System.nanoTime() - began) / 1_000_000,
                    System.lineSeparator(), stack.describe());
            return new SharedStack(stack, null);
        }

        CdcStack get() {
            if (failure != null) {
                throw new IllegalStateException("The stack for this run did not start: " + failure.getMessage(),
                        failure);
            }
            return stack;
        }

        @Override
        public void close() {
            if (stack == null) {
                return;
            }
            List<String> leftovers;
            try {
                leftovers = leftovers(stack);
            } finally {
                stack.close();
            }
            if (!leftovers.isEmpty()) {
                String message = "Scenarios left these behind on the shared stack (every scenario must remove its "
                        + "slot, publication, connector and topics, e.g. with CapturedTable in try-with-resources): "
                        + String.join(", ", leftovers);
                log.error(message);
                throw new AssertionError(message);
            }
        }

        private static List<String> leftovers(CdcStack stack) {
            List<String> found = new ArrayList<>();
            try (Connection connection = PostgresConnections.open(stack.postgres())) {
                ReplicationSlots.slotsStartingWith(connection, CapturedTable.NAME_PREFIX)
                        .forEach(slot -> found.add("replication slot " + slot));
                ReplicationSlots.publicationsStartingWith(connection, CapturedTable.NAME_PREFIX)
                        .forEach(publication -> found.add("publication " + publication));
            } catch (SQLException e) {
                found.add("(could not look for slots and publications: " + e.getMessage() + ")");
            }
            new ConnectClient(stack.connectUrl()).connectors().stream()
                    .filter(name -> name.startsWith(CapturedTable.NAME_PREFIX))
                    .forEach(name -> found.add("connector " + name));
            try (KafkaTopics topics = KafkaTopics.on(stack.kafka())) {
                topics.ofConnectorsStartingWith(CapturedTable.NAME_PREFIX)
                        .forEach(topic -> found.add("topic " + topic));
            }
            return found;
        }
    }
}
