package io.github.cdcverify.setup;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A user's schema: one {@code .sql} file, or a folder of them applied in version order as Flyway would, so that a
 * project's own migrations ({@code db/migration/V1__init.sql}, ...) build the tables cdc-verify then tests.
 *
 * <p>Order: files named {@code V<version>__<description>.sql} first, by their version's numeric parts ({@code V1_2}
 * and {@code V1.2} are 1.2, before {@code V1.10}); every other {@code .sql} file after them, by name. Sub-folders are
 * included. Each statement runs on its own (autocommit), so that statements PostgreSQL refuses inside a transaction
 * ({@code CREATE INDEX CONCURRENTLY}) work; the first that fails stops everything with its file and line.
 */
public final class SchemaFiles {

    private static final Pattern VERSIONED = Pattern.compile("[Vv](\\d+(?:[._]\\d+)*)__.*\\.sql");

    private final List<Path> files;

    private SchemaFiles(List<Path> files) {
        this.files = files;
    }

    /**
     * @throws IllegalArgumentException when the path does not exist or holds no {@code .sql} file (one paragraph)
     */
    public static SchemaFiles of(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("Schema " + path + " does not exist. Pass a .sql file or a folder of "
                    + "migrations (V1__init.sql, V2__orders.sql, ...) with --schema.");
        }
        if (Files.isRegularFile(path)) {
            return new SchemaFiles(List.of(path));
        }
        List<Path> sql;
        try (Stream<Path> walk = Files.walk(path)) {
            sql = walk.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().toLowerCase().endsWith(".sql"))
                    .sorted(ORDER).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list schema folder " + path + ": " + e.getMessage(), e);
        }
        if (sql.isEmpty()) {
            throw new IllegalArgumentException("Schema folder " + path + " holds no .sql file. Pass the folder of "
                    + "your migrations (V1__init.sql, ...) or one .sql file with --schema.");
        }
        return new SchemaFiles(sql);
    }

    /** Versioned files by version, then the others by name; ties (same version) by name. */
    static final Comparator<Path> ORDER = Comparator
            .comparing((Path file) -> version(file.getFileName().toString()).isEmpty())
            .thenComparing((a, b) -> compareVersions(version(a.getFileName().toString()),
                    version(b.getFileName().toString())))
            .thenComparing(file -> file.getFileName().toString());

    /** The files in the order they are applied. */
    public List<Path> files() {
        return files;
    }

    /**
     * Runs every statement of every file, in order.
     *
     * @throws SchemaException the first statement PostgreSQL refused: file, line and PostgreSQL's message
     */
    public void apply(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read schema file " + file + ": " + e.getMessage(), e);
            }
            for (SqlScript.Statement statement : SqlScript.statements(text)) {
                try (Statement sql = connection.createStatement()) {
                    sql.execute(statement.sql());
                } catch (SQLException e) {
                    throw SchemaException.of(file, lineOf(statement, e), statement.sql(), e);
                }
            }
        }
    }

    private static int lineOf(SqlScript.Statement statement, SQLException e) {
        if (e instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null && server.getPosition() > 0) {
                return statement.lineOf(server.getPosition());
            }
        }
        return statement.firstLine();
    }

    static Optional<List<BigInteger>> version(String fileName) {
        Matcher matcher = VERSIONED.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String part : matcher.group(1).split("[._]")) {
            parts.add(new BigInteger(part));
        }
        return Optional.of(parts);
    }

    private static int compareVersions(Optional<List<BigInteger>> a, Optional<List<BigInteger>> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        List<BigInteger> left = a.get();
        List<BigInteger> right = b.get();
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            BigInteger l = i < left.size() ? left.get(i) : BigInteger.ZERO;
            BigInteger r = i < right.size() ? right.get(i) : BigInteger.ZERO;
            int compared = l.compareTo(r);
            if (compared != 0) {
                return compared;
            }
        }
        return 0;
    }
}
