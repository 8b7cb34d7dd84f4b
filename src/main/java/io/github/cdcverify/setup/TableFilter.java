package io.github.cdcverify.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which tables a Debezium PostgreSQL connector captures, from its {@code table.include.list} /
 * {@code table.exclude.list} and {@code schema.include.list} / {@code schema.exclude.list}, matched as Debezium
 * does: the lists are split at commas not escaped with a backslash, and each entry is a case-insensitive regular
 * expression that must match the whole {@code schema.table} (or {@code schema}).
 */
public final class TableFilter {

    private final List<Pattern> tableIncludes;
    private final List<Pattern> tableExcludes;
    private final List<Pattern> schemaIncludes;
    private final List<Pattern> schemaExcludes;

    private TableFilter(Map<String, String> config) {
        this.tableIncludes = patterns("table.include.list", config.get("table.include.list"));
        this.tableExcludes = patterns("table.exclude.list", config.get("table.exclude.list"));
        this.schemaIncludes = patterns("schema.include.list", config.get("schema.include.list"));
        this.schemaExcludes = patterns("schema.exclude.list", config.get("schema.exclude.list"));
    }

    /**
     * @throws SetupException naming the setting when an entry is not a valid regular expression
     */
    public static TableFilter of(Map<String, String> connectorConfig) {
        return new TableFilter(connectorConfig);
    }

    /** Whether the connector captures {@code table}. */
    public boolean captures(TableName table) {
        String qualified = table.schema() + "." + table.table();
        if (!schemaIncludes.isEmpty() && noneMatch(schemaIncludes, table.schema())
                || !schemaExcludes.isEmpty() && !noneMatch(schemaExcludes, table.schema())) {
            return false;
        }
        if (!tableIncludes.isEmpty()) {
            return !noneMatch(tableIncludes, qualified);
        }
        return noneMatch(tableExcludes, qualified);
    }

    /**
     * The columns of {@code table} that a column setting's list names (e.g. {@code column.exclude.list},
     * {@code column.mask.with.12.chars}): each entry a case-insensitive regular expression matching the whole
     * {@code schema.table.column}, as Debezium matches them.
     *
     * @throws SetupException naming the setting when an entry is not a valid regular expression
     */
    public static List<String> columnsNamedBy(String setting, String list, TableName table, List<String> columns) {
        List<Pattern> patterns = patterns(setting, list);
        String prefix = table.schema() + "." + table.table() + ".";
        return columns.stream().filter(column -> !noneMatch(patterns, prefix + column)).toList();
    }

    private static boolean noneMatch(List<Pattern> patterns, String text) {
        return patterns.stream().noneMatch(pattern -> pattern.matcher(text).matches());
    }

    static List<Pattern> patterns(String setting, String list) {
        List<Pattern> patterns = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return patterns;
        }
        for (String entry : list.split("(?<!\\\\),")) {
            String regex = entry.strip().replace("\\,", ",");
            if (regex.isEmpty()) {
                continue;
            }
            try {
                patterns.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
            } catch (PatternSyntaxException e) {
                throw new SetupException(setting + " entry '" + regex + "' is not a valid regular expression ("
                        + e.getDescription() + "). Write each table as schema.table, e.g. public.users, separated "
                        + "by commas.");
            }
        }
        return patterns;
    }
}
