package io.github.cdcverify.judge;

import io.github.cdcverify.event.ChangeEvent;
import io.github.cdcverify.event.Op;
import io.github.cdcverify.event.Source;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds change events as the parser would, for the assertion tests. */
final class TestEvents {

    private long nextOffset;
    private long nextLsn = 1000;

    static Map<String, Object> row(long id, String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", (int) id);
        row.put("name", name);
        row.put("email", name + "@example.com");
        return row;
    }

    static Source source(String snapshot, Long lsn, Long txId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("connector", "postgresql");
        fields.put("table", "users");
        fields.put("lsn", lsn);
        fields.put("txId", txId);
        fields.put("snapshot", snapshot);
        return new Source("postgresql", "app", "db", "public", "users", lsn, txId, 1L, snapshot, fields);
    }

    ChangeEvent event(Op op, long id, long txId, Map<String, Object> before, Map<String, Object> after) {
        return new ChangeEvent("app.public.users", 0, nextOffset++, Map.of("id", (int) id), op, before, after,
                source(null, nextLsn++, txId), 2L, null, false);
    }

    ChangeEvent c(long id, String name, long txId) {
        return event(Op.CREATE, id, txId, null, row(id, name));
    }

    ChangeEvent u(long id, String name, long txId) {
        return event(Op.UPDATE, id, txId, null, row(id, name));
    }

    ChangeEvent d(long id, long txId) {
        Map<String, Object> keyOnly = new LinkedHashMap<>();
        keyOnly.put("id", (int) id);
        keyOnly.put("name", null);
        keyOnly.put("email", null);
        return event(Op.DELETE, id, txId, keyOnly, null);
    }

    ChangeEvent tombstone(long id) {
        return new ChangeEvent("app.public.users", 0, nextOffset++, Map.of("id", (int) id), null, null, null, null,
                null, null, true);
    }

    ChangeEvent read(long id, String name, String snapshot) {
        return new ChangeEvent("app.public.users", 0, nextOffset++, Map.of("id", (int) id), Op.READ, null,
                row(id, name), source(snapshot, 900L, 1L), 2L, null, false);
    }
}
