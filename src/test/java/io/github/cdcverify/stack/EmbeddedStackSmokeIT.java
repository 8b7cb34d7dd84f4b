package io.github.cdcverify.stack;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedStackSmokeIT {
    @Test
    void starts() throws Exception {
        try (EmbeddedStack stack = new EmbeddedStack()) {
            stack.start();
            System.out.println(stack.describe());
            var pg = stack.postgres();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                 ResultSet rs = c.createStatement().executeQuery("show wal_level")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("logical");
            }
        }
    }
}
