package io.github.cdcverify.consume;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks Kafka for its cluster id before anything waits on it: a Kafka client pointed at nothing retries silently
 * forever, which looks like "no events" to a user.
 */
public final class KafkaProbe {

    /** How long {@link #requireReachable(String)} waits by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private KafkaProbe() {
    }

    /** Like {@link #requireReachable(String, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static void requireReachable(String bootstrapServers) {
        requireReachable(bootstrapServers, DEFAULT_TIMEOUT);
    }

    /**
     * @throws KafkaUnreachableException naming the servers, the wait and the option to fix it
     */
    public static void requireReachable(String bootstrapServers, Duration timeout) {
        int millis = (int) timeout.toMillis();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis))) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).clusterId()
                    .get(millis + 1_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnreachableException(bootstrapServers, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachableException(bootstrapServers, timeout);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new KafkaUnreachableException(bootstrapServers, timeout);
        }
    }

    /** Kafka did not answer in time. */
    public static final class KafkaUnreachableException extends RuntimeException {
        KafkaUnreachableException(String bootstrapServers, Duration timeout) {
            super("Kafka is not reachable at " + bootstrapServers + " (no answer within " + timeout.toSeconds()
                    + " s). Start it, or pass the right bootstrap servers with --kafka or CDC_KAFKA.");
        }
    }
}
