package io.github.cdcverify.check.deployed;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a connector's transform chain ({@code transforms}) does to its records: transforms that drop records or
 * change their fields lose or change data; a predicate makes any other transform conditional, which is advice.
 */
final class TransformFindings {

    private final Map<String, String> config;
    private final List<Finding> findings;

    /** @param findings where the findings are added */
    TransformFindings(Map<String, String> config, List<Finding> findings) {
        this.config = config;
        this.findings = findings;
    }

    void inspect() {
        for (String name : DeployedConnector.transforms(config)) {
            String prefix = "transforms." + name + ".";
            String type = config.getOrDefault(prefix + "type", "").strip();
            String predicate = config.get(prefix + "predicate");
            String when = predicate == null || predicate.isBlank() ? ""
                    : " (for records " + ("true".equalsIgnoreCase(config.get(prefix + "negate")) ? "not " : "")
                    + "matching predicate " + predicate + describePredicate(predicate) + ")";
            String effect = effect(type, prefix);
            String setting = "transforms." + name + "=" + className(type);
            if (effect != null) {
                findings.add(Finding.losesData(setting, "transforms." + name, effect + when));
            } else if (!when.isEmpty()) {
                findings.add(Finding.advice(setting, "transforms." + name, "applies only to some records" + when
                        + ": the others reach the topic untransformed"));
            }
        }
    }

    /** What the transform loses or changes; {@code null} when it keeps the data whole (routing, unwrapping...). */
    private String effect(String type, String prefix) {
        String simple = className(type);
        String lower = simple.toLowerCase(Locale.ROOT);
        if (lower.equals("filter")) {
            return type.startsWith("io.debezium") ? "keeps only the records for which its condition "
                    + config.getOrDefault(prefix + "condition", "") + " holds: the others never reach the topic"
                    : "drops records: they never reach the topic";
        }
        if (lower.startsWith("replacefield")) {
            return "drops or renames fields of the records: those columns never reach the topic as they are";
        }
        if (lower.startsWith("maskfield")) {
            return "replaces the values of fields " + config.getOrDefault(prefix + "fields", "") + " in the topic";
        }
        if (lower.startsWith("cast")) {
            return "changes the types of fields (" + config.getOrDefault(prefix + "spec", "") + "): values may be "
                    + "rounded or cut in the topic";
        }
        if (lower.equals("extractnewrecordstate") && "drop".equalsIgnoreCase(
                config.getOrDefault(prefix + "delete.tombstone.handling.mode", "tombstone").strip())) {
            return "with delete.tombstone.handling.mode=drop, deletes and their tombstones never reach the topic: "
                    + "whoever reads it keeps deleted rows";
        }
        return null;
    }

    private String describePredicate(String predicate) {
        String type = config.get("predicates." + predicate.strip() + ".type");
        return type == null ? "" : " = " + className(type.strip());
    }

    /** {@code org.apache.kafka.connect.transforms.ReplaceField$Value} -> {@code ReplaceField$Value}: for the line. */
    private static String className(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
