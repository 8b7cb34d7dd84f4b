package io.github.cdcverify.setup;

/**
 * A connector's topic did not appear after its first change, so no event can reach Kafka: the brokers do not
 * create topics on first use and Kafka Connect did not create it either.
 */
public final class TopicNotCreatedException extends SetupException {

    TopicNotCreatedException(String message) {
        super(message);
    }
}
