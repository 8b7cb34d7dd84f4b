package io.github.cdcverify.stack;

/**
 * The tutorial's endpoints, the defaults wherever an endpoint is not given: the command line's options, the
 * {@code external} stack's settings and the ports {@code cdc-verify up} takes. Constants, so that picocli's
 * annotations can name them.
 */
public final class TutorialDefaults {

    public static final String DB_HOST = "localhost";
    public static final int DB_PORT = 5432;
    public static final String DB_NAME = "playground";
    public static final String DB_USER = "postgres";
    public static final int KAFKA_PORT = 9092;
    public static final String KAFKA = "localhost:" + KAFKA_PORT;
    public static final int CONNECT_PORT = 8084;
    public static final String CONNECT_URL = "http://localhost:" + CONNECT_PORT;

    private TutorialDefaults() {
    }
}
