package io.github.cdcverify.setup;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which topic holds a captured table's events, found the way the connector names it: {@code topic.prefix} and
 * {@code topic.delimiter}, then its transform chain in order — {@code RegexRouter} exactly as Kafka Connect applies
 * it (a whole-name match, then the first replacement), and Debezium's {@code ByLogicalTableRouter} (several tables in
 * one topic, told apart by a key field: {@link SharedTopic}), through a {@code TopicNameMatches} predicate (negated or
 * not) when they have one. Transforms that keep the topic are passed over; one that may rename it in a way that
 * cannot be evaluated here (another router, another predicate, an unknown class) makes the topic unknown, unless the
 * user named it ({@code --topic TABLE=TOPIC}); the name it would have if that transform kept it stays a candidate to
 * confirm from the events' own {@code source} block (the deployed checks' topic discovery). Used by the checks of a
 * deployed connector and by the harness's connector under test.
 */
public final class TopicRouting {

    private static final String REGEX_ROUTER = "org.apache.kafka.connect.transforms.RegexRouter";
    /** Debezium 3.7 logs ByLogicalTableRouter as deprecated in favour of ToLogicalTopicRouter, with the same options. */
    private static final Set<String> LOGICAL_TABLE_ROUTERS = Set.of("io.debezium.transforms.ByLogicalTableRouter",
            "io.debezium.transforms.ToLogicalTopicRouter");
    private static final String TOPIC_NAME_MATCHES = "org.apache.kafka.connect.transforms.predicates.TopicNameMatches";
    /** Transforms (simple class names, without {@code $Key}/{@code $Value}) that never change a record's topic. */
    private static final Set<String> KEEPING_THE_TOPIC = Set.of("ExtractNewRecordState", "Filter", "ReplaceField",
            "MaskField", "Cast", "InsertField", "ValueToKey", "HoistField", "ExtractField", "Flatten",
            "TimestampConverter", "HeaderFrom", "InsertHeader", "DropHeaders", "SetSchemaMetadata",
            "ExtractChangedRecordState", "HeaderToValue", "ConvertCloudEventToSaveableForm", "PartitionRouting");

    private final Map<String, String> config;
    private final Map<TableName, String> named;

    /** @param named topics the user named per table ({@code --topic}); they win over anything derived */
    public TopicRouting(Map<String, String> config, Map<TableName, String> named) {
        this.config = config;
        this.named = Map.copyOf(named);
    }

    /**
     * The topic of {@code table}'s events: where the connector writes them, or why that cannot be known.
     *
     * @param guess where they would be if what cannot be evaluated kept the topic: a candidate to confirm from the
     *              events themselves
     */
    public record Resolution(Optional<String> topic, String unknownBecause, String guess, Optional<SharedTopic> shared) {

        static Resolution of(String topic) {
            return new Resolution(Optional.of(topic), "", topic, Optional.empty());
        }
    }

    /**
     * A topic several tables share ({@code ByLogicalTableRouter}): this table's records are those whose key field
     * {@code keyField} holds {@code keyValue}.
     */
    public record SharedTopic(String keyField, String keyValue) {
    }

    public Resolution topicOf(TableName table) {
        String given = named.get(table);
        if (given != null) {
            return Resolution.of(given);
        }
        String delimiter = config.getOrDefault("topic.delimiter", ".");
        String topic = config.get("topic.prefix") + delimiter + table.schema() + delimiter + table.table();
        String unknown = null;
        Optional<SharedTopic> shared = Optional.empty();
        String strategy = config.get("topic.naming.strategy");
        if (strategy != null && !strategy.isBlank() && !strategy.strip().endsWith(".SchemaTopicNamingStrategy")) {
            unknown = "topic.naming.strategy=" + strategy.strip() + " names topics in a way cdc-verify does not "
                    + "evaluate";
        }
        for (String transform : transforms(config)) {
            String prefix = "transforms." + transform + ".";
            String type = config.getOrDefault(prefix + "type", "").strip();
            if (KEEPING_THE_TOPIC.contains(simpleName(type))) {
                continue;
            }
            boolean logical = LOGICAL_TABLE_ROUTERS.contains(type);
            if (!type.equals(REGEX_ROUTER) && !logical) {
                unknown = unknown != null ? unknown : "transform '" + transform + "' (" + type + ") may rename "
                        + "topics in a way cdc-verify does not evaluate";
                continue;
            }
            Optional<Boolean> applies = applies(prefix, topic);
            if (applies.isEmpty()) {
                unknown = unknown != null ? unknown : "transform '" + transform + "' applies through predicate "
                        + config.get(prefix + "predicate") + ", which cdc-verify does not evaluate";
                continue;
            }
            if (!applies.get()) {
                continue;
            }
            try {
                String renamed = rename(topic, config.get(prefix + (logical ? "topic.regex" : "regex")),
                        config.getOrDefault(prefix + (logical ? "topic.replacement" : "replacement"), ""));
                if (logical && renamed != null) {
                    if ("false".equalsIgnoreCase(config.getOrDefault(prefix + "key.enforce.uniqueness", "true"))) {
                        unknown = unknown != null ? unknown : "transform '" + transform + "' merges tables into "
                                + renamed + " with key.enforce.uniqueness=false, so their rows share keys";
                    }
                    String keyValue = rename(topic, config.get(prefix + "key.field.regex"),
                            config.getOrDefault(prefix + "key.field.replacement", ""));
                    shared = Optional.of(new SharedTopic(config.getOrDefault(prefix + "key.field.name",
                            "__dbz__physicalTableIdentifier"), keyValue == null ? topic : keyValue));
                }
                topic = renamed == null ? topic : renamed;
            } catch (PatternSyntaxException | IndexOutOfBoundsException e) {
                unknown = unknown != null ? unknown : "transform '" + transform + "' has a regex or "
                        + "replacement that cannot be applied: " + e.getMessage();
            }
        }
        return unknown == null ? new Resolution(Optional.of(topic), "", topic, shared)
                : new Resolution(Optional.empty(), unknown, topic, Optional.empty());
    }

    /** {@code name} with the first match of {@code regex} replaced, if the regex matches all of it; else null. */
    private static String rename(String name, String regex, String replacement) {
        if (regex == null || regex.isBlank()) {
            return null;
        }
        Matcher matcher = Pattern.compile(regex.strip()).matcher(name);
        return matcher.matches() ? matcher.replaceFirst(replacement) : null;
    }

    /** Whether the transform applies to {@code topic}; empty when its predicate cannot be evaluated here. */
    private Optional<Boolean> applies(String transformPrefix, String topic) {
        String predicate = config.get(transformPrefix + "predicate");
        if (predicate == null || predicate.isBlank()) {
            return Optional.of(true);
        }
        String predicatePrefix = "predicates." + predicate.strip() + ".";
        if (!TOPIC_NAME_MATCHES.equals(config.getOrDefault(predicatePrefix + "type", "").strip())) {
            return Optional.empty();
        }
        try {
            boolean matches = Pattern.compile(config.getOrDefault(predicatePrefix + "pattern", "")).matcher(topic)
                    .matches();
            return Optional.of(matches != Boolean.parseBoolean(config.getOrDefault(transformPrefix + "negate",
                    "false").strip()));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }

    /** The names the {@code transforms} setting of {@code config} lists, in order. */
    public static List<String> transforms(Map<String, String> config) {
        String transforms = config.getOrDefault("transforms", "");
        return transforms.isBlank() ? List.of() : List.of(transforms.strip().split("\\s*,\\s*"));
    }

    /** {@code org.apache.kafka.connect.transforms.ReplaceField$Value} -> {@code ReplaceField}. */
    public static String simpleName(String type) {
        String simple = type.substring(type.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        return nested < 0 ? simple : simple.substring(0, nested);
    }
}
