package io.github.cdcverify.generate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/** Opens the connection the generator writes through; the generator closes it when done. */
@FunctionalInterface
public interface ConnectionFactory {

    Connection open() throws SQLException;

    /** Connections from {@link DriverManager} for a JDBC URL such as {@code jdbc:postgresql://localhost:5432/app}. */
    static ConnectionFactory jdbc(String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        return () -> DriverManager.getConnection(url, user, password);
    }
}
