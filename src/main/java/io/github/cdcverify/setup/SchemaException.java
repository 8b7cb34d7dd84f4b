package io.github.cdcverify.setup;

import java.nio.file.Path;
import java.sql.SQLException;

/** A schema statement PostgreSQL refused, named by file and line, with PostgreSQL's own message. */
public final class SchemaException extends RuntimeException {

    private final Path file;
    private final int line;

    private SchemaException(String message, Path file, int line, SQLException cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    static SchemaException of(Path file, int line, String statement, SQLException cause) {
        String firstLine = statement.lines().findFirst().orElse("").strip();
        String shown = firstLine.length() > 80 ? firstLine.substring(0, 80) + "..." : firstLine;
        String server = cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("").strip();
        return new SchemaException("Schema file " + file + ", line " + line + ": PostgreSQL refused the statement "
                + "starting '" + shown + "': " + server + " (SQLSTATE " + cause.getSQLState() + "). Nothing was "
                + "tested: fix the statement (it must run on a fresh, empty database, in the files' order) and run "
                + "again.", file, line, cause);
    }

    /** The file of the refused statement. */
    public Path file() {
        return file;
    }

    /** The file's 1-based line PostgreSQL pointed at, else the statement's first line. */
    public int line() {
        return line;
    }
}
