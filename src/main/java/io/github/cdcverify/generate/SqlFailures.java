package io.github.cdcverify.generate;

import io.github.cdcverify.connect.Secrets;

import java.sql.SQLException;

/** Turns an {@link SQLException} into a {@link GeneratorException} whose message says what to do about it. */
final class SqlFailures {

    private SqlFailures() {
    }

    /**
     * @param step           what the generator was doing, e.g. "insert a row"
     * @param qualifiedTable the table, as quoted in SQL
     */
    static GeneratorException describe(String step, String qualifiedTable, SQLException e) {
        String state = e.getSQLState();
        StringBuilder message = new StringBuilder("Could not ").append(step).append(" (table ")
                .append(qualifiedTable).append("): ").append(redact(firstLine(String.valueOf(e.getMessage()))));
        if (state != null) {
            message.append(" [SQLState ").append(state).append(']');
        }
        String hint = hint(state, qualifiedTable);
        if (hint != null) {
            message.append(". ").append(hint);
        }
        return new GeneratorException(message.toString(), e);
    }

    /** PostgreSQL appends lines such as "  Position: 29" that mean nothing to a user and break the paragraph. */
    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** pgjdbc can echo connection properties: their password values are masked so messages can be shown. */
    static String redact(String text) {
        return Secrets.redact(text);
    }

    private static String hint(String state, String qualifiedTable) {
        if (state == null) {
            return null;
        }
        switch (state) {
            case "42P01":
            case "3F000":
                return "The table does not exist: run setup first (it creates " + qualifiedTable + ")";
            case "42703":
                return "The table lacks a column the generator writes: it needs id (serial primary key), name and "
                        + "email; run setup first or check the table name";
            case "42501":
                return "Grant the user SELECT, INSERT, UPDATE and DELETE on the table and USAGE on its id sequence";
            case "42883":
                return "pg_current_xact_id() needs PostgreSQL 13 or newer";
            case "28P01":
            case "28000":
                return "Check the user name and password";
            case "3D000":
                return "The database does not exist: check the database name in the JDBC URL";
            case "40001":
            case "40P01":
                return "Another session conflicted with this transaction; run again, ideally with no other writers";
            default:
                return state.startsWith("08")
                        ? "Check that PostgreSQL is running and that the JDBC URL's host and port are right"
                        : null;
        }
    }
}
