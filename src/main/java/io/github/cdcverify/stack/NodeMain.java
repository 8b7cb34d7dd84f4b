package io.github.cdcverify.stack;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The entry point of a {@link NodeProcess}: {@code NodeMain kafka|connect|postgres PROPERTIES}. Runs one Kafka KRaft
 * server, one distributed Connect worker or one PostgreSQL server until SIGTERM (a controlled shutdown through a
 * shutdown hook) or until its parent's end closes standard input.
 */
public final class NodeMain {

    private static final Set<String> ROLES = Set.of("kafka", "connect", "postgres");

    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !ROLES.contains(args[0])) {
            System.err.println("Usage: NodeMain kafka|connect|postgres PROPERTIES_FILE");
            System.exit(2);
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            properties.load(in);
        }
        BufferedReader parent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        AutoCloseable server = switch (args[0]) {
            case "kafka" -> KafkaServers.start(properties);
            case "connect" -> startConnect(properties);
            default -> PostgresProcess.serve(properties, parent.readLine());
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("The node did not shut down cleanly: " + e);
            }
        }, "node-shutdown"));
        // The parent holds our standard input: when it ends, however it ends, so do we.
        while (parent.read() != -1) {
            // nothing more is ever sent; reading only waits for the end of the stream
        }
        System.exit(0);
    }

    private static AutoCloseable startConnect(Properties properties) {
        Map<String, String> worker = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> worker.put(name, properties.getProperty(name)));
        return KafkaServers.startConnect(worker);
    }
}
