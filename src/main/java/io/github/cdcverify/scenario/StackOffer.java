package io.github.cdcverify.scenario;

import io.github.cdcverify.connect.ConnectClient;
import io.github.cdcverify.connect.ConnectorPlugin;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.StackConfig;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a stack offers the plugins and the Debezium version a {@link ConnectorUnderTest} asks for. A run's stack
 * is started once, before any test says what it needs, so a test cannot change them: it fails with the fix instead.
 */
final class StackOffer {

    static final String POSTGRES_CONNECTOR = "io.debezium.connector.postgresql.PostgresConnector";

    private StackOffer() {
    }

    /** @throws IllegalStateException one paragraph: what the stack lacks and how to run the suite with it */
    static void require(CdcStack stack, Path pluginPath, String debeziumVersion) {
        if (pluginPath != null) {
            Optional<Path> configured;
            try {
                configured = StackConfig.fromSystem().pluginPath();
            } catch (RuntimeException e) {
                configured = Optional.empty();
            }
            missingPluginPath(pluginPath, configured, stack.describe()).ifPresent(message -> {
                throw new IllegalStateException(message);
            });
        }
        if (debeziumVersion != null) {
            String running = new ConnectClient(stack.connectUrl()).plugins().stream()
                    .filter(plugin -> plugin.className().equals(POSTGRES_CONNECTOR)).map(ConnectorPlugin::version)
                    .findFirst().orElse("none");
            otherDebeziumVersion(debeziumVersion, running).ifPresent(message -> {
                throw new IllegalStateException(message);
            });
        }
    }

    /**
     * @param configured  the run's {@code cdc.plugin-path}, if any
     * @param description the stack's {@link CdcStack#describe()}, which names the plugin path of a stack built with
     *                    one
     */
    static Optional<String> missingPluginPath(Path requested, Optional<Path> configured, String description) {
        Path wanted = requested.toAbsolutePath().normalize();
        if (configured.map(path -> path.toAbsolutePath().normalize().equals(wanted)).orElse(false)
                || description.contains("plugins from " + wanted)) {
            return Optional.empty();
        }
        return Optional.of("The connector under test needs the Connect plugins in " + wanted + ", but this run's "
                + "stack was started " + configured.map(path -> "with the plugins in " + path).orElse("without them")
                + ". The stack is started once for every test of the run, so one test cannot add plugins to it: run "
                + "the suite with -Dcdc.plugin-path=" + wanted + " (or CDC_PLUGIN_PATH).");
    }

    static Optional<String> otherDebeziumVersion(String requested, String running) {
        if (requested.strip().equals(running)) {
            return Optional.empty();
        }
        return Optional.of("The connector under test needs Debezium " + requested.strip() + ", but this run's stack "
                + "runs the PostgreSQL connector " + running + ". The stack is started once for every test of the "
                + "run, so one test cannot change its Debezium version: run the suite with -Dcdc.debezium-version="
                + requested.strip() + " (or CDC_DEBEZIUM_VERSION).");
    }
}
