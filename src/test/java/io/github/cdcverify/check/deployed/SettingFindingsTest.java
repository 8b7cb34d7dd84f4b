package io.github.cdcverify.check.deployed;

import io.github.cdcverify.check.deployed.Finding.Kind;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SettingFindingsTest {

    private static final Map<String, String> HEALTHY = Map.of("heartbeat.interval.ms", "10000",
            "value.converter", "org.apache.kafka.connect.json.JsonConverter");

    @Test
    void aHealthyConfigurationHasNoFinding() {
        assertThat(SettingFindings.of(HEALTHY, true)).isEmpty();
    }

    @Test
    void skippedRecordsOnErrorsLoseData() {
        List<Finding> findings = findings(Map.of("errors.tolerance", "all",
                "errors.deadletterqueue.topic.name", "dlq", "event.processing.failure.handling.mode", "warn"));

        assertThat(lines(findings)).containsExactly(
                "LOSES DATA errors.tolerance=all: a record that a transform or converter fails on is skipped "
                        + "without failing the task, so it never reaches the topic; errors.deadletterqueue.topic."
                        + "name=dlq does not keep it: Kafka Connect has dead letter queues for sink connectors only",
                "LOSES DATA event.processing.failure.handling.mode=warn: a change Debezium cannot process is logged "
                        + "and skipped instead of stopping the connector, so it never reaches the topic");
    }

    @Test
    void snapshotModesThatSkipRowsOrNeverStreamLoseData() {
        assertThat(lines(findings(Map.of("snapshot.mode", "initial_only")))).containsExactly("LOSES DATA "
                + "snapshot.mode=initial_only: the connector reads the tables once and never streams: no change "
                + "made after the snapshot reaches the topic");
        assertThat(lines(findings(Map.of("snapshot.mode", "configuration_based",
                "snapshot.mode.configuration.based.start.stream", "true"))))
                .containsExactly("LOSES DATA snapshot.mode=configuration_based: snapshot.mode.configuration.based."
                        + "snapshot.data is not true: rows that existed before the connector started streaming "
                        + "never reach the topic");
        assertThat(findings(Map.of("snapshot.mode", "configuration_based",
                "snapshot.mode.configuration.based.snapshot.data", "true",
                "snapshot.mode.configuration.based.start.stream", "true"))).isEmpty();
        assertThat(findings(Map.of("snapshot.mode", "when_needed"))).isEmpty();
    }

    @Test
    void tombstonesOffLoseDataOnlyOnCompactedTopics() {
        Map<String, String> config = Map.of("tombstones.on.delete", "false");

        assertThat(SettingFindings.of(withHealthy(config), true)).extracting(Finding::kind)
                .containsExactly(Kind.LOSES_DATA);
        assertThat(SettingFindings.of(withHealthy(config), false)).extracting(Finding::kind)
                .containsExactly(Kind.ADVICE);
    }

    @Test
    void transformsThatDropOrChangeFieldsLoseDataAndPredicatesAloneAreAdvice() {
        List<Finding> findings = findings(pairs("transforms", "keep, hide,cast,route,unwrap",
                "transforms.keep.type", "org.apache.kafka.connect.transforms.Filter",
                "transforms.keep.predicate", "tombstones", "predicates", "tombstones",
                "predicates.tombstones.type", "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone",
                "transforms.hide.type", "org.apache.kafka.connect.transforms.MaskField$Value",
                "transforms.hide.fields", "email",
                "transforms.cast.type", "org.apache.kafka.connect.transforms.Cast$Value",
                "transforms.cast.spec", "amount:float32",
                "transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter",
                "transforms.route.predicate", "tombstones"));
        Map<String, String> more = new HashMap<>(Map.of("transforms", "unwrap",
                "transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState"));

        assertThat(lines(findings)).containsExactly(
                "LOSES DATA transforms.keep=Filter: drops records: they never reach the topic (for records matching "
                        + "predicate tombstones = RecordIsTombstone)",
                "LOSES DATA transforms.hide=MaskField$Value: replaces the values of fields email in the topic",
                "LOSES DATA transforms.cast=Cast$Value: changes the types of fields (amount:float32): values may be "
                        + "rounded or cut in the topic",
                "WARN transforms.route=RegexRouter: applies only to some records (for records matching predicate "
                        + "tombstones = RecordIsTombstone): the others reach the topic untransformed");
        assertThat(findings(more)).isEmpty();
        more.put("transforms.unwrap.delete.tombstone.handling.mode", "drop");
        assertThat(findings(more)).extracting(Finding::acceptAs).containsExactly("transforms.unwrap");
    }

    @Test
    void slotDroppedOnStopAndInheritedConvertersAreNamed() {
        assertThat(lines(findings(Map.of("slot.drop.on.stop", "true")))).containsExactly("LOSES DATA "
                + "slot.drop.on.stop=true: the replication slot is dropped whenever the connector stops: changes "
                + "made until it runs again are never streamed");
        assertThat(SettingFindings.of(Map.of("heartbeat.interval.ms", "5000"), false)).extracting(Finding::kind,
                Finding::acceptAs).containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.ADVICE,
                "value.converter"));
    }

    @Test
    void acceptingByNameOrDottedPrefixTurnsAFindingAcceptedAndNotFailing() {
        Finding mask = Finding.losesData("column.mask.with.12.chars=public.users.email",
                "column.mask.with.12.chars", "masked");

        assertThat(mask.fails()).isTrue();
        assertThat(mask.acceptedBy(Set.of("column.mask")).fails()).isFalse();
        assertThat(mask.acceptedBy(Set.of("Column.Mask.With.12.Chars")).line()).isEqualTo("ACCEPTED "
                + "column.mask.with.12.chars=public.users.email: masked (--accept column.mask.with.12.chars)");
        assertThat(mask.acceptedBy(Set.of("column.ma", "mask")).fails()).isTrue();
        assertThat(Finding.advice("heartbeat.interval.ms", "heartbeat.interval.ms", "not set").fails()).isFalse();
    }

    private static Map<String, String> pairs(String... keysAndValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    private static List<Finding> findings(Map<String, String> config) {
        return SettingFindings.of(withHealthy(config), false);
    }

    private static Map<String, String> withHealthy(Map<String, String> config) {
        Map<String, String> all = new HashMap<>(HEALTHY);
        all.putAll(config);
        return all;
    }

    private static List<String> lines(List<Finding> findings) {
        return findings.stream().map(Finding::line).toList();
    }
}
