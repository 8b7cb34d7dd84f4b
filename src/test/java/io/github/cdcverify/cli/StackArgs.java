package io.github.cdcverify.cli;

import io.github.cdcverify.setup.ConnectorCleanup;
import io.github.cdcverify.setup.TableName;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.PostgresEndpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Command lines against the run's stack, for tests of the CLI's answers to bad input. */
final class StackArgs {

    private StackArgs() {
    }

    /** A fresh {@code cdcv_<label>_<random>} name for a table, connector, topic prefix, slot. */
    static String uniqueName(String label) {
        return "cdcv_" + label + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** {@code --db-*} options for the stack's database as {@code user} with {@code password} (in a temp file). */
    static List<String> database(CdcStack stack, String user, String password) {
        PostgresEndpoint pg = stack.postgres();
        return List.of("--db-host", pg.host(), "--db-port", String.valueOf(pg.port()), "--db-name", pg.database(),
                "--db-user", user, "--db-password-file", passwordFile(password).toString(),
                "--connector-db-host", pg.connectorHost(), "--connector-db-port", String.valueOf(pg.connectorPort()));
    }

    /** {@code --db-*} options for the stack's database as its superuser. */
    static List<String> database(CdcStack stack) {
        return database(stack, stack.postgres().user(), stack.postgres().password());
    }

    static List<String> pipeline(CdcStack stack) {
        return List.of("--kafka", stack.kafkaBootstrapServers(), "--connect-url", stack.connectUrl());
    }

    /** {@code setup} of table {@code public.<name>} with connector and topic prefix {@code <name>}. */
    static List<String> setup(String name) {
        return List.of("setup", "--table", "public." + name, "--connector", name, "--topic-prefix", name);
    }

    static Path passwordFile(String password) {
        try {
            Path file = Files.createTempFile("cdcv-password", ".txt");
            Files.writeString(file, password);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SafeVarargs
    static String[] of(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all.toArray(String[]::new);
    }

    /** A port nothing listens on right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes what {@code setup(name)} may have created: connector, slot, publication, table. */
    static void removeEverything(CdcStack stack, String name) throws SQLException {
        ConnectorCleanup.of(stack, name).withTables(List.of(new TableName("public", name))).run();
    }
}
