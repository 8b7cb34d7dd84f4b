package io.github.cdcverify.setup;

import java.util.regex.Pattern;

/**
 * A schema-qualified table name from user input, validated so that it can be quoted into SQL safely.
 *
 * @param schema e.g. {@code public}
 * @param table  e.g. {@code users}
 */
public record TableName(String schema, String table) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    /** The tutorial's table, {@code public.users}. */
    public static final TableName USERS = new TableName("public", "users");

    /**
     * @throws IllegalArgumentException naming the bad part and the rule it breaks
     */
    public TableName {
        requireIdentifier("schema", schema);
        requireIdentifier("table", table);
    }

    /** Parses {@code schema.table}, or {@code table} in schema {@code public}. */
    public static TableName parse(String qualified) {
        if (qualified == null) {
            throw new IllegalArgumentException("A table name is required, e.g. public.users");
        }
        int dot = qualified.indexOf('.');
        return dot < 0 ? new TableName("public", qualified)
                : new TableName(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    /**
     * Returns {@code value} when it can be quoted into SQL safely.
     *
     * @param what what the value names, for the message, e.g. "schema" or "publication"
     * @throws IllegalArgumentException naming the value and the rule when it is not such a name
     */
    public static String requireIdentifier(String what, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid " + what + " name '" + value + "': use 1-63 letters, digits "
                    + "or underscores, starting with a letter or underscore (e.g. public.users)");
        }
        return value;
    }

    /** The double-quoted form for SQL, e.g. {@code "public"."users"}. */
    public String quoted() {
        return "\"" + schema + "\".\"" + table + "\"";
    }

    /** The form Debezium's {@code table.include.list} and topic names use, e.g. {@code public.users}. */
    public String qualified() {
        return schema + "." + table;
    }

    /** The topic Debezium writes this table's changes to under {@code topicPrefix}. */
    public String topic(String topicPrefix) {
        return topicPrefix + "." + qualified();
    }

    @Override
    public String toString() {
        return qualified();
    }
}
