package io.github.cdcverify.stack;

/**
 * The shape of a stack's Kafka side: how many KRaft brokers (each also a controller), how many Kafka Connect workers
 * in one group, how many partitions a new topic gets, and whether brokers create topics on first use.
 *
 * <p>Replication follows the broker count: replication factor = brokers, {@code min.insync.replicas} 2 from three
 * brokers on (1 below), as production clusters are usually set. The default, {@link #single()}, is the fastest
 * shape: one broker, one worker, one partition, topics created on first use.
 *
 * @param brokers           1..3
 * @param connectWorkers    1..2
 * @param partitions        1..12, the brokers' {@code num.partitions}
 * @param topicAutoCreation the brokers' {@code auto.create.topics.enable}; production clusters usually turn it off,
 *                          and then only connectors that ask Connect to create their topics get any
 */
public record Shape(int brokers, int connectWorkers, int partitions, boolean topicAutoCreation) {

    public static final String BROKERS_PROPERTY = "cdc.brokers";
    public static final String WORKERS_PROPERTY = "cdc.connect-workers";
    public static final String PARTITIONS_PROPERTY = "cdc.partitions";
    public static final String AUTO_CREATE_PROPERTY = "cdc.topic-auto-create";

    /** @throws StackException naming the setting, the value and the accepted range */
    public Shape {
        requireWithin("brokers", brokers, 1, 3, "--brokers / " + BROKERS_PROPERTY);
        requireWithin("Connect workers", connectWorkers, 1, 2, "--connect-workers / " + WORKERS_PROPERTY);
        requireWithin("partitions", partitions, 1, 12, "--partitions / " + PARTITIONS_PROPERTY);
    }

    /** One broker, one Connect worker, one partition, topics created on first use. */
    public static Shape single() {
        return new Shape(1, 1, 1, true);
    }

    public Shape withBrokers(int count) {
        return new Shape(count, connectWorkers, partitions, topicAutoCreation);
    }

    public Shape withConnectWorkers(int count) {
        return new Shape(brokers, count, partitions, topicAutoCreation);
    }

    public Shape withPartitions(int count) {
        return new Shape(brokers, connectWorkers, count, topicAutoCreation);
    }

    public Shape withTopicAutoCreation(boolean enabled) {
        return new Shape(brokers, connectWorkers, partitions, enabled);
    }

    /** How many nodes of {@code component} this shape has: brokers, Connect workers, one PostgreSQL. */
    public int nodes(Component component) {
        return switch (component) {
            case POSTGRES -> 1;
            case KAFKA -> brokers;
            case CONNECT -> connectWorkers;
        };
    }

    /** Replicas of every topic, internal ones included. */
    public int replicationFactor() {
        return brokers;
    }

    /** Two in-sync replicas from three brokers on, so that one broker may fail without stopping writes. */
    public int minInsyncReplicas() {
        return brokers >= 3 ? 2 : 1;
    }

    /** E.g. {@code 3 brokers (RF 3, min ISR 2), 2 Connect workers, 3 partitions, topic auto-creation off}. */
    public String describe() {
        return plural(brokers, "broker") + " (RF " + replicationFactor() + ", min ISR " + minInsyncReplicas() + "), "
                + plural(connectWorkers, "Connect worker") + ", " + plural(partitions, "partition")
                + ", topic auto-creation " + (topicAutoCreation ? "on" : "off");
    }

    /** E.g. {@code 1 broker}, {@code 3 brokers}. */
    static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static void requireWithin(String what, int value, int min, int max, String setting) {
        if (value < min || value > max) {
            throw new StackException("A stack runs " + min + " to " + max + " " + what + ", not " + value
                    + ". Set " + setting + " to a value in that range.");
        }
    }
}
