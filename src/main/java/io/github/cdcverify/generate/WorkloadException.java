package io.github.cdcverify.generate;

import java.nio.file.Path;
import java.sql.SQLException;

/** A workload statement PostgreSQL refused ({@code --workload}), named by file and line, with PostgreSQL's message. */
public final class WorkloadException extends RuntimeException {

    private final Path file;
    private final int line;

    private WorkloadException(String message, Path file, int line, SQLException cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    static WorkloadException of(Path file, int line, int round, String statement, SQLException cause) {
        String firstLine = statement.lines().findFirst().orElse("").strip();
        String shown = firstLine.length() > 80 ? firstLine.substring(0, 80) + "..." : firstLine;
        String server = cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("").strip();
        return new WorkloadException("Workload file " + file + ", line " + line + " (round " + round + "): "
                + "PostgreSQL refused the statement starting '" + shown + "': " + server + " (SQLSTATE "
                + cause.getSQLState() + "). The run stopped: fix the statement (it runs again and again, after the "
                + "schema and the seed rows, so it must not insert a fixed key twice) and run again.", file, line,
                cause);
    }

    /** The workload file. */
    public Path file() {
        return file;
    }

    /** The file's 1-based line PostgreSQL pointed at, else the statement's first line. */
    public int line() {
        return line;
    }
}
