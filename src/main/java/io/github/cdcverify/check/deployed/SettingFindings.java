package io.github.cdcverify.check.deployed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a Debezium PostgreSQL connector's configuration alone does to the data on its way to Kafka: settings that
 * drop or change records ({@link Finding.Kind#LOSES_DATA}) and settings worth a second look ({@link
 * Finding.Kind#ADVICE}). Reads nothing but the configuration; the catalog's part is {@link CatalogFindings}.
 */
final class SettingFindings {

    private static final Set<String> SKIPPING_SNAPSHOT_MODES = Set.of("no_data", "never");
    private static final String CONFIGURATION_BASED = "snapshot.mode.configuration.based.";

    private final Map<String, String> config;
    private final List<Finding> findings = new ArrayList<>();

    private SettingFindings(Map<String, String> config) {
        this.config = config;
    }

    /**
     * @param compactedTopics whether any captured table's topic is compacted ({@code cleanup.policy} with
     *                        {@code compact}), which makes {@code tombstones.on.delete=false} lose deletes
     */
    static List<Finding> of(Map<String, String> config, boolean compactedTopics) {
        SettingFindings rules = new SettingFindings(config);
        rules.skippedOperations();
        rules.tombstones(compactedTopics);
        rules.columnFilters();
        rules.snapshotMode();
        rules.errorHandling();
        rules.slotDropOnStop();
        new TransformFindings(config, rules.findings).inspect();
        rules.heartbeat();
        rules.converters();
        return List.copyOf(rules.findings);
    }

    private String setting(String key, String fallback) {
        return DeployedConnector.setting(config, key, fallback);
    }

    private void losesData(String key, String value, String effect) {
        findings.add(Finding.losesData(key + "=" + value, key, effect));
    }

    private void skippedOperations() {
        String skipped = setting("skipped.operations", "t");
        List<String> lost = new ArrayList<>();
        for (String op : skipped.toLowerCase(Locale.ROOT).split("\\s*,\\s*")) {
            switch (op) {
                case "c" -> lost.add("inserts");
                case "u" -> lost.add("updates");
                case "d" -> lost.add("deletes");
                default -> { }
            }
        }
        if (!lost.isEmpty()) {
            losesData("skipped.operations", skipped, String.join(" and ", lost) + " are never sent: the topic "
                    + "misses them, and whoever reads it keeps rows as they were before");
        }
    }

    private void tombstones(boolean compactedTopics) {
        if (!"false".equalsIgnoreCase(setting("tombstones.on.delete", "true"))) {
            return;
        }
        if (compactedTopics) {
            losesData("tombstones.on.delete", "false", "deletes leave no tombstone on a compacted topic: "
                    + "compaction never removes a deleted key, so the topic keeps deleted rows forever");
        } else {
            findings.add(Finding.advice("tombstones.on.delete=false", "tombstones.on.delete", "deletes leave no "
                    + "tombstone: harmless while the topics are not compacted, but if cleanup.policy becomes "
                    + "compact they keep deleted rows forever"));
        }
    }

    private void columnFilters() {
        for (Map.Entry<String, String> entry : config.entrySet()) {
            String key = entry.getKey();
            String effect = key.equals("column.exclude.list") ? "these columns never reach the topic"
                    : key.equals("column.include.list") ? "every column not on this list never reaches the topic"
                    : key.startsWith("column.mask.hash.") ? "the values of these columns are replaced by hashes in "
                    + "the topic"
                    : key.startsWith("column.mask.") ? "the values of these columns are replaced (masked) in the topic"
                    : key.startsWith("column.truncate.") ? "longer values of these columns are cut short in the topic"
                    : null;
            if (effect != null && !entry.getValue().isBlank()) {
                losesData(key, entry.getValue(), effect);
            }
        }
    }

    private void snapshotMode() {
        String mode = setting("snapshot.mode", "initial");
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "initial_only" -> losesData("snapshot.mode", mode, "the connector reads the tables once and "
                    + "never streams: no change made after the snapshot reaches the topic");
            case "configuration_based" -> {
                if (!"true".equalsIgnoreCase(setting(CONFIGURATION_BASED + "snapshot.data", "false"))) {
                    losesData("snapshot.mode", mode, CONFIGURATION_BASED + "snapshot.data is not true: rows that "
                            + "existed before the connector started streaming never reach the topic");
                }
                if (!"true".equalsIgnoreCase(setting(CONFIGURATION_BASED + "start.stream", "false"))) {
                    losesData("snapshot.mode", mode, CONFIGURATION_BASED + "start.stream is not true: the "
                            + "connector never streams, so no later change reaches the topic");
                }
            }
            default -> {
                if (SKIPPING_SNAPSHOT_MODES.contains(mode.toLowerCase(Locale.ROOT))) {
                    losesData("snapshot.mode", mode, "rows that existed before the connector started streaming "
                            + "never reach the topic");
                }
            }
        }
    }

    private void errorHandling() {
        if ("all".equalsIgnoreCase(setting("errors.tolerance", "none"))) {
            String queue = config.get("errors.deadletterqueue.topic.name");
            losesData("errors.tolerance", "all", "a record that a transform or converter fails on is skipped "
                    + "without failing the task, so it never reaches the topic"
                    + (queue == null || queue.isBlank() ? "" : "; errors.deadletterqueue.topic.name=" + queue
                    + " does not keep it: Kafka Connect has dead letter queues for sink connectors only"));
        }
        String mode = setting("event.processing.failure.handling.mode", "fail");
        if (!"fail".equalsIgnoreCase(mode)) {
            losesData("event.processing.failure.handling.mode", mode, "a change Debezium cannot process is "
                    + ("warn".equalsIgnoreCase(mode) ? "logged and " : "") + "skipped instead of stopping the "
                    + "connector, so it never reaches the topic");
        }
    }

    private void slotDropOnStop() {
        if ("true".equalsIgnoreCase(setting("slot.drop.on.stop", "false"))) {
            losesData("slot.drop.on.stop", "true", "the replication slot is dropped whenever the connector stops: "
                    + "changes made until it runs again are never streamed");
        }
    }

    private void heartbeat() {
        if (setting("heartbeat.interval.ms", "0").equals("0")) {
            findings.add(Finding.advice("heartbeat.interval.ms", "heartbeat.interval.ms", "not set: while the "
                    + "captured tables are idle and other tables change, the slot's confirmed position stays "
                    + "behind and PostgreSQL keeps all WAL since then"));
        }
    }

    private void converters() {
        if (setting("value.converter", "").isEmpty()) {
            findings.add(Finding.advice("value.converter", "value.converter", "not set: the records are written "
                    + "with whatever converter the Connect worker is configured with, so they change format if "
                    + "the worker's configuration changes; set key.converter and value.converter in the "
                    + "connector"));
        }
    }
}
