package io.github.cdcverify.generate;

import java.util.regex.Pattern;

/**
 * Validation and quoting of schema and table names.
 *
 * <p>Names are restricted to a plain-identifier subset so that quoting them can never change the statement's
 * meaning; they are still double-quoted so that mixed-case names refer to exactly the table given.
 */
public final class SqlIdentifiers {

    /** The accepted form: a letter or underscore, then up to 62 letters, digits or underscores (PostgreSQL's 63-byte limit). */
    public static final String RULE = "[A-Za-z_][A-Za-z0-9_]{0,62}";

    private static final Pattern VALID = Pattern.compile(RULE);

    private SqlIdentifiers() {
    }

    /**
     * Returns {@code value} when it is a valid identifier.
     *
     * @param role what the value names, for the message, e.g. "schema" or "table"
     * @throws IllegalArgumentException naming the value, its role and the rule when it is not valid
     */
    public static String requireValid(String value, String role) {
        if (value == null) {
            throw new IllegalArgumentException(role + " name must not be null; it must match " + RULE);
        }
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid " + role + " name '" + value + "': it must match " + RULE
                    + " (a letter or underscore, then at most 62 letters, digits or underscores)");
        }
        return value;
    }

    /** {@code "schema"."table"} for two valid identifiers. */
    public static String qualified(String schema, String table) {
        return quote(requireValid(schema, "schema")) + "." + quote(requireValid(table, "table"));
    }

    private static String quote(String validIdentifier) {
        // Valid identifiers contain no double quote, so no escaping is needed.
        return "\"" + validIdentifier + "\"";
    }
}
