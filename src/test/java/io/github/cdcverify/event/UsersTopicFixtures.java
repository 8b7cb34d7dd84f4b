package io.github.cdcverify.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Records as Debezium 3.7 (PostgreSQL, pgoutput, JsonConverter) writes them for
 * {@code public.users(id serial primary key, name varchar(100), email varchar(100), created_at timestamptz default now())}
 * with {@code topic.prefix=dbserver1}.
 */
final class UsersTopicFixtures {

    static final String TOPIC = "dbserver1.public.users";

    static final String KEY_4 = """
            {"id":4}""";

    static final String DAVID = """
            {"id":4,"name":"David Smith","email":"david.smith@example.com","created_at":"2026-02-02T10:30:00.123456Z"}""";

    static final String DAVID_RENAMED = """
            {"id":4,"name":"David J. Smith","email":"david.smith@example.com","created_at":"2026-02-02T10:30:00.123456Z"}""";

    private UsersTopicFixtures() {
    }

    /** A source block as in 3.7; {@code snapshot} is inserted verbatim so tests can pass a string, null or boolean. */
    static String source(String snapshotJson, long lsn, String txIdJson) {
        return """
                {"version":"3.7.0.Final","connector":"postgresql","name":"dbserver1","ts_ms":1770028200123,\
                "snapshot":%s,"db":"inventory","sequence":"[null,\\"%d\\"]","ts_us":1770028200123456,\
                "ts_ns":1770028200123456000,"schema":"public","table":"users","txId":%s,"lsn":%d,"xmin":null,\
                "origin":null,"origin_lsn":null}""".formatted(snapshotJson, lsn, txIdJson, lsn);
    }

    /** A schemaless ({@code schemas.enable=false}) envelope. */
    static String envelope(String op, String beforeJson, String afterJson, String sourceJson, String transactionJson) {
        return """
                {"before":%s,"after":%s,"source":%s,"transaction":%s,"op":"%s","ts_ms":1770028200456,\
                "ts_us":1770028200456789,"ts_ns":1770028200456789000}"""
                .formatted(beforeJson, afterJson, sourceJson, transactionJson, op);
    }

    static String streamedSource() {
        return source("\"false\"", 23456L, "771");
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] resource(String name) {
        try (InputStream in = UsersTopicFixtures.class.getResourceAsStream("/fixtures/users/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource /fixtures/users/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
