package io.github.cdcverify.stack;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A SCRAM-SHA-256 login on a SASL_PLAINTEXT listener of the embedded brokers: what the broker needs (the listener,
 * the user's credential at format time) and what a client needs ({@link #clientSettings()}).
 *
 * @param user     the SCRAM user
 * @param password its password; never shown by {@link #toString()}
 */
public record SaslScram(String user, String password) {

    /** The only mechanism offered: SCRAM needs no external service and is what managed clusters commonly use. */
    public static final String MECHANISM = "SCRAM-SHA-256";
    static final String LISTENER = "SASL_PLAINTEXT";

    public SaslScram {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        // Kafka's SCRAM formatter splits on ',' and ']', and JAAS quotes with '"': such values would be cut or
        // break the configuration instead of failing clearly.
        if ((user + password).matches(".*[,\\]\"\\\\\\s].*") || user.isEmpty() || password.isEmpty()) {
            throw new IllegalArgumentException("A SCRAM user name and password for the embedded broker must be "
                    + "non-empty and free of commas, brackets, quotes, backslashes and spaces.");
        }
    }

    /** Kafka client settings that log in as this user over SASL_PLAINTEXT, as a {@code --kafka-config} file holds them. */
    public Map<String, String> clientSettings() {
        return Map.of("security.protocol", LISTENER, "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";");
    }

    /** The argument of Kafka's storage formatter that creates this user's credential in the cluster's metadata. */
    List<String> formatterArguments() {
        return List.of(MECHANISM + "=[name=" + user + ",password=" + password + "]");
    }

    /** Adds the SASL listener on {@code port} to a broker's properties, next to its other listeners. */
    void addListener(Properties broker, int port) {
        String address = LISTENER + "://" + Ports.LOOPBACK + ":" + port;
        broker.put("listeners", broker.getProperty("listeners") + "," + address);
        broker.put("advertised.listeners", broker.getProperty("advertised.listeners") + "," + address);
        broker.put("listener.security.protocol.map",
                broker.getProperty("listener.security.protocol.map") + "," + LISTENER + ":" + LISTENER);
        broker.put("sasl.enabled.mechanisms", MECHANISM);
        broker.put("listener.name." + LISTENER.toLowerCase(Locale.ROOT) + "." + MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "SaslScram[user=" + user + ", " + MECHANISM + "]";
    }
}
