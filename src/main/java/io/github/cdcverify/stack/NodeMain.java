package io.github.cdcverify.stack;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The entry point of a {@link NodeProcess}: {@code NodeMain kafka|connect PROPERTIES}. Runs one Kafka KRaft server
 * or one distributed Connect worker until SIGTERM (a controlled shutdown through a shutdown hook) or until its
 * parent's end closes standard input.
 */
public final class NodeMain {

    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !("kafka".equals(args[0]) || "connect".equals(args[0]))) {
            System.err.println("Usage: NodeMain kafka|connect PROPERTIES_FILE");
            System.exit(2);
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            properties.load(in);
        }
        AutoCloseable server = "kafka".equals(args[0]) ? KafkaServers.start(properties) : startConnect(properties);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("The node did not shut down cleanly: " + e);
            }
        }, "node-shutdown"));
        // The parent holds our standard input: when it ends, however it ends, so do we.
        while (System.in.read() != -1) {
            // nothing is ever sent; reading only waits for the end of the stream
        }
        System.exit(0);
    }

    private static AutoCloseable startConnect(Properties properties) {
        Map<String, String> worker = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> worker.put(name, properties.getProperty(name)));
        return KafkaServers.startConnect(worker);
    }
}
