package io.github.cdcverify.kafka;

import io.github.cdcverify.connect.Secrets;
import io.github.cdcverify.stack.KafkaEndpoint;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.AuthenticationException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks Kafka for its cluster id before anything waits on it: a Kafka client pointed at nothing, or refused its
 * login, retries silently, which looks like "no events" to a user.
 */
public final class KafkaProbe {

    /** How long {@link #requireReachable(KafkaEndpoint)} waits by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private KafkaProbe() {
    }

    /** Like {@link #requireReachable(KafkaEndpoint, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static void requireReachable(KafkaEndpoint kafka) {
        requireReachable(kafka, DEFAULT_TIMEOUT);
    }

    /**
     * @throws KafkaLoginRefusedException when Kafka answers but refuses the client's login (TLS or SASL), naming
     *                                    Kafka's reason and the settings file to fix
     * @throws KafkaUnreachableException  naming the servers, the wait and the option to fix it
     */
    public static void requireReachable(KafkaEndpoint kafka, Duration timeout) {
        int millis = (int) timeout.toMillis();
        try (Admin admin = Admin.create(kafka.clientProperties(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis)))) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).clusterId()
                    .get(millis + 1_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException refused) {
                throw new KafkaLoginRefusedException(kafka, refused);
            }
            throw new KafkaUnreachableException(kafka, timeout);
        } catch (TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new KafkaUnreachableException(kafka, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachableException(kafka, timeout);
        }
    }

    /** Kafka did not answer in time. */
    public static final class KafkaUnreachableException extends RuntimeException {
        KafkaUnreachableException(KafkaEndpoint kafka, Duration timeout) {
            super("Kafka is not reachable at " + kafka.describe() + " (no answer within " + timeout.toSeconds()
                    + " s). Start it, or pass the right bootstrap servers with --kafka or CDC_KAFKA"
                    + (kafka.clientSettings().isEmpty()
                    ? "; a cluster that requires TLS or SASL also needs its client settings in --kafka-config." : "."));
        }
    }

    /** Kafka answered but refused the client's login: wrong credentials, mechanism or TLS settings. */
    public static final class KafkaLoginRefusedException extends RuntimeException {
        KafkaLoginRefusedException(KafkaEndpoint kafka, AuthenticationException refused) {
            super("Kafka at " + kafka.describe() + " refused the login: " + Secrets.redact(refused.getMessage())
                    + ". Check the credentials and security settings in the Kafka client settings file "
                    + "(--kafka-config or CDC_KAFKA_CONFIG).", refused);
        }
    }
}
