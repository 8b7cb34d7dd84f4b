package io.github.cdcverify.cli;

import io.github.cdcverify.harness.PipelineTest;
import io.github.cdcverify.setup.PostgresConnections;
import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.Component;
import io.github.cdcverify.stack.ContainerStack;
import io.github.cdcverify.stack.EmbeddedStack;
import io.github.cdcverify.stack.ExternalStack;
import io.github.cdcverify.suite.OwnStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import static io.github.cdcverify.cli.StackArgs.database;
import static io.github.cdcverify.cli.StackArgs.of;
import static io.github.cdcverify.cli.StackArgs.pipeline;
import static io.github.cdcverify.cli.StackArgs.setup;
import static io.github.cdcverify.cli.StackArgs.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

/** Passwords stay secret, the embedded stack listens on loopback only, table names cannot smuggle SQL. */
@PipelineTest
class SecurityIT {

    @Test
    @DisplayName("a distinctive password appears in no CLI output and no log line, also when a run fails")
    void passwordNeverShown(CdcStack stack) throws Exception {
        OwnStack.assume(stack, "reads the Connect worker\'s log");
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String role = "cdcv_sec_" + random;
        String password = "Pw-" + random + "-Zq";
        String wrongPassword = "Wrong-" + random + "-Xk";
        String name = uniqueName("sec");
        List<CliRun> runs = new ArrayList<>();
        StringWriter log = new StringWriter();
        try (Connection admin = PostgresConnections.open(stack.postgres());
             Statement statement = admin.createStatement();
             LogCapture ignored = LogCapture.into(log)) {
            statement.execute("CREATE ROLE " + role + " WITH SUPERUSER REPLICATION LOGIN PASSWORD '" + password + "'");
            try {
                runs.add(CliRun.of(of(setup(name), database(stack, role, password), pipeline(stack))));
                runs.add(CliRun.of(of(List.of("generate", "--table", "public." + name, "--count", "10", "--rate", "0",
                        "--mix", "1:0:0"),
                        database(stack, role, password))));
                runs.add(CliRun.of("consume", "--kafka", stack.kafkaBootstrapServers(), "--topic",
                        name + ".public." + name, "--max-events", "13", "--timeout", "60s"));
                runs.add(CliRun.of(of(List.of("--verbose"), setup(name), database(stack, role, wrongPassword),
                        pipeline(stack))));
                runs.add(CliRun.of(of(List.of("generate", "--table", "public." + name, "--count", "1"),
                        database(stack, role, wrongPassword))));
            } finally {
                StackArgs.removeEverything(stack, name);
                statement.execute("DROP OWNED BY " + role);
                statement.execute("DROP ROLE " + role);
            }
        }

        assertThat(runs).extracting(CliRun::exitCode).containsExactly(0, 0, 0, 3, 3);
        assertThat(runs.get(0).out()).contains("database.password=********");
        assertThat(runs.get(2).out()).contains("Read 13 events.");
        assertThat(runs.get(3).err()).contains("refused user '" + role + "'").contains("\tat ");
        assertThat(log.toString()).as("our own log was captured").contains("Generating changes");
        // Debezium logs its configuration, masked, wherever Connect runs: in this JVM, or in its container.
        String connectLog = stack instanceof ContainerStack containers ? containers.logs(Component.CONNECT)
                : stack instanceof EmbeddedStack embedded && embedded.nodesInOwnProcesses() ? embedded.connectLogs()
                : log.toString();
        assertThat(connectLog).as("Debezium's configuration dump").contains("database.password = ********")
                .doesNotContain(password).doesNotContain(wrongPassword);
        for (CliRun run : runs) {
            assertThat(run.all()).doesNotContain(password).doesNotContain(wrongPassword);
        }
        assertThat(log.toString()).doesNotContain(password).doesNotContain(wrongPassword);
    }

    @Test
    @DisplayName("a login in --connect-url appears in no output, JUnit XML, file or log of setup and verify")
    void connectUrlLoginNeverShown(CdcStack stack, @TempDir Path directory) throws Exception {
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String connectPassword = "Connect-" + random + "-Vb";
        // Our Connect workers ask for no login and ignore the Basic auth header the URL's user info becomes.
        String connectUrl = stack.connectUrl().replaceFirst("^(https?://)", "$1cdcv-admin:" + connectPassword + "@");
        String maskedUrl = stack.connectUrl().replaceFirst("^(https?://)", "$1cdcv-admin:********@");
        List<String> endpoints = List.of("--kafka", stack.kafkaBootstrapServers(), "--connect-url", connectUrl);
        Path report = directory.resolve("cdc-verify.xml");
        String name = uniqueName("secu");
        StringWriter log = new StringWriter();
        CliRun setup;
        CliRun verify;
        try (LogCapture ignored = LogCapture.into(log)) {
            try {
                setup = CliRun.of(of(setup(name), database(stack), endpoints));
            } finally {
                StackArgs.removeEverything(stack, name);
            }
            verify = CliRun.of(of(List.of("verify", "--changes", String.valueOf(VerifyCommand.MIN_CHANGES),
                    "--junit-xml", report.toString()), database(stack), endpoints));
        }

        assertThat(setup.exitCode()).as(setup.all()).isZero();
        assertThat(verify.exitCode()).as(verify.all()).isZero();
        // The URL was printed: unmasked, the password would be there for the assertions below to find.
        assertThat(verify.out()).contains("connect:    " + maskedUrl)
                .containsOnlyOnce("WARN database.password in clear: the checks register temporary");
        assertThat(setup.all()).doesNotContain(connectPassword);
        assertThat(verify.all()).doesNotContain(connectPassword);
        assertThat(log.toString()).as("our own log was captured").isNotEmpty().doesNotContain(connectPassword);
        try (var written = Files.walk(directory)) {
            List<Path> files = written.filter(Files::isRegularFile).toList();
            assertThat(files).contains(report);
            for (Path file : files) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(connectPassword);
            }
        }
        if (stack instanceof EmbeddedStack embedded && embedded.nodesInOwnProcesses()) {
            assertThat(embedded.connectLogs()).doesNotContain(connectPassword);
        }
    }

    @Test
    @DisplayName("every listener the stack starts is bound to 127.0.0.1")
    void listenersAreLoopbackOnly(CdcStack stack) throws Exception {
        switch (stack.kind()) {
            case "embedded" -> assertEmbeddedListenersOnLoopback(stack);
            case "containers" -> assertThat(((ContainerStack) stack).publishedHostAddresses())
                    .as("host addresses of the published container ports").hasSize(3).containsOnly("127.0.0.1");
            // A pipeline we did not start has no listeners of ours.
            default -> assertThat(stack).isInstanceOf(ExternalStack.class);
        }
    }

    private static void assertEmbeddedListenersOnLoopback(CdcStack stack) throws Exception {
        try (Connection connection = PostgresConnections.open(stack.postgres());
             Statement statement = connection.createStatement();
             ResultSet listen = statement.executeQuery("SHOW listen_addresses")) {
            listen.next();
            assertThat(listen.getString(1)).isEqualTo("127.0.0.1");
        }
        List<Listener> listeners = new ArrayList<>(Listener.read(Path.of("/proc/net/tcp")));
        listeners.addAll(Listener.read(Path.of("/proc/net/tcp6")));
        Set<String> ours = socketInodesOfThisProcess();
        // Kafka (broker and controller) and Connect run in this JVM: every socket this JVM listens on counts.
        List<Listener> inThisJvm = listeners.stream().filter(l -> ours.contains(l.inode())).toList();
        if (((EmbeddedStack) stack).nodesInOwnProcesses()) {
            // Kafka nodes and Connect workers are child processes here: their listeners are found by port.
            List<Integer> ports = new ArrayList<>();
            for (String broker : stack.kafkaBootstrapServers().split(",")) {
                ports.add(port(broker));
            }
            stack.connectUrls().forEach(url -> ports.add(port(url)));
            List<Listener> nodes = listeners.stream().filter(l -> ports.contains(l.port())).toList();
            assertThat(nodes).extracting(Listener::port).containsAll(ports);
            assertThat(nodes).allSatisfy(l -> assertThat(l.isLoopback()).as(l.toString()).isTrue());
        } else {
            assertThat(inThisJvm).extracting(Listener::port).contains(port(stack.kafkaBootstrapServers()),
                    port(stack.connectUrl()));
        }
        assertThat(inThisJvm).allSatisfy(l -> assertThat(l.isLoopback()).as(l.toString()).isTrue());
        // PostgreSQL is a child process: its listeners are found by port.
        List<Listener> postgres = listeners.stream().filter(l -> l.port() == stack.postgres().port()).toList();
        assertThat(postgres).isNotEmpty().allSatisfy(l -> assertThat(l.isLoopback()).as(l.toString()).isTrue());
    }

    private static int port(String address) {
        String digits = address.replaceAll(".*:(\\d+)/?$", "$1");
        return Integer.parseInt(digits);
    }

    private static Set<String> socketInodesOfThisProcess() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listing: not a listener of interest
                }
            }
        }
        return inodes;
    }

    /** A listening TCP socket from /proc/net/tcp or tcp6. */
    private record Listener(String localAddress, int port, String inode) {

        private static final String LISTEN = "0A";
        private static final Set<String> LOOPBACK = Set.of("0100007F", "00000000000000000000000001000000",
                "0000000000000000FFFF00000100007F");

        static List<Listener> read(Path table) throws IOException {
            List<Listener> listeners = new ArrayList<>();
            if (!Files.exists(table)) {
                return listeners;
            }
            for (String line : Files.readAllLines(table).subList(1, Files.readAllLines(table).size())) {
                String[] fields = line.trim().split("\\s+");
                if (LISTEN.equals(fields[3])) {
                    String[] local = fields[1].split(":");
                    listeners.add(new Listener(local[0].toUpperCase(Locale.ROOT), Integer.parseInt(local[1], 16),
                            fields[9]));
                }
            }
            return listeners;
        }

        boolean isLoopback() {
            return LOOPBACK.contains(localAddress);
        }
    }
}
