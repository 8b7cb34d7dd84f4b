package io.github.cdcverify.stack;

/**
 * The images {@link ContainerStack} runs, pinned, and the names under which another registry's or a locally built
 * image can replace them ({@code -Dcdc.image.postgres=...} / {@code CDC_IMAGE_POSTGRES}). The same images and tags
 * are used by {@code containers/docker-compose.yml}.
 */
public final class ContainerImages {

    public static final String POSTGRES = "postgres:18.1";
    public static final String KAFKA = "apache/kafka:4.3.1";
    public static final String CONNECT = "quay.io/debezium/connect:3.7.0.Final";

    /** The image names a substitute must be compatible with. */
    static final String POSTGRES_NAME = "postgres";
    static final String KAFKA_NAME = "apache/kafka";
    static final String CONNECT_NAME = "quay.io/debezium/connect";

    public static final String POSTGRES_PROPERTY = "cdc.image.postgres";
    public static final String KAFKA_PROPERTY = "cdc.image.kafka";
    public static final String CONNECT_PROPERTY = "cdc.image.connect";

    private ContainerImages() {
    }
}
