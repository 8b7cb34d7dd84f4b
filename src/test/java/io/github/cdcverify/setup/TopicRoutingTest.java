package io.github.cdcverify.setup;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TopicRoutingTest {

    private static final TableName ORDERS = new TableName("public", "orders");

    @Test
    void prefixSchemaAndTableJoinedByTheDelimiter() {
        assertThat(topic(config("topic.prefix", "shop"))).isEqualTo("shop.public.orders");
        assertThat(topic(config("topic.prefix", "shop", "topic.delimiter", "_"))).isEqualTo("shop_public_orders");
    }

    @Test
    void regexRouterAsConnectAppliesIt() {
        Map<String, String> config = config("topic.prefix", "shop", "transforms", "unwrap,route",
                "transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState",
                "transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter",
                "transforms.route.regex", "([^.]+)\\.([^.]+)\\.([^.]+)",
                "transforms.route.replacement", "cdc-$3");

        assertThat(topic(config)).isEqualTo("cdc-orders");
        config.put("transforms.route.regex", "public\\.orders");
        assertThat(topic(config)).as("the regex must match the whole name").isEqualTo("shop.public.orders");
    }

    @Test
    void topicNameMatchesPredicatesAreEvaluatedOthersAreNot() {
        Map<String, String> config = config("topic.prefix", "shop", "transforms", "route",
                "transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter",
                "transforms.route.regex", ".*", "transforms.route.replacement", "all",
                "transforms.route.predicate", "isOrders", "predicates", "isOrders",
                "predicates.isOrders.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches",
                "predicates.isOrders.pattern", ".*orders");

        assertThat(topic(config)).isEqualTo("all");
        config.put("transforms.route.negate", "true");
        assertThat(topic(config)).isEqualTo("shop.public.orders");
        config.put("predicates.isOrders.type", "org.apache.kafka.connect.transforms.predicates.HasHeaderKey");
        assertThat(new TopicRouting(config, Map.of()).topicOf(ORDERS).unknownBecause())
                .isEqualTo("transform 'route' applies through predicate isOrders, which cdc-verify does not evaluate");
    }

    @Test
    void byLogicalTableRouterMergesTablesToldApartByAKeyField() {
        Map<String, String> config = config("topic.prefix", "shop", "transforms", "merge",
                "transforms.merge.type", "io.debezium.transforms.ByLogicalTableRouter",
                "transforms.merge.topic.regex", "shop\\.public\\.(orders|orders_archive)",
                "transforms.merge.topic.replacement", "shop.all_orders");

        TopicRouting.Resolution merged = new TopicRouting(config, Map.of()).topicOf(ORDERS);
        assertThat(merged.topic()).contains("shop.all_orders");
        assertThat(merged.shared()).contains(new TopicRouting.SharedTopic("__dbz__physicalTableIdentifier",
                "shop.public.orders"));
        config.put("transforms.merge.key.field.name", "origin");
        config.put("transforms.merge.key.field.regex", "shop\\.public\\.(.*)");
        config.put("transforms.merge.key.field.replacement", "$1");
        assertThat(new TopicRouting(config, Map.of()).topicOf(ORDERS).shared())
                .contains(new TopicRouting.SharedTopic("origin", "orders"));
        config.put("transforms.merge.key.enforce.uniqueness", "false");
        assertThat(new TopicRouting(config, Map.of()).topicOf(ORDERS).unknownBecause()).isEqualTo("transform "
                + "'merge' merges tables into shop.all_orders with key.enforce.uniqueness=false, so their rows share "
                + "keys");
    }

    @Test
    void anUnknownRouterOrStrategyIsUnknownUnlessTheTopicIsNamed() {
        Map<String, String> config = config("topic.prefix", "shop", "transforms", "route",
                "transforms.route.type", "com.acme.TenantRouter");

        TopicRouting.Resolution unknown = new TopicRouting(config, Map.of()).topicOf(ORDERS);
        assertThat(unknown.topic()).isEmpty();
        assertThat(unknown.unknownBecause()).isEqualTo("transform 'route' (com.acme.TenantRouter) may rename topics "
                + "in a way cdc-verify does not evaluate");
        assertThat(unknown.guess()).isEqualTo("shop.public.orders");
        assertThat(new TopicRouting(config, Map.of(ORDERS, "all-orders")).topicOf(ORDERS).topic())
                .contains("all-orders");
        assertThat(new TopicRouting(config("topic.prefix", "shop", "topic.naming.strategy", "com.acme.Names"),
                Map.of()).topicOf(ORDERS).topic()).isEmpty();
    }

    private static String topic(Map<String, String> config) {
        return new TopicRouting(config, Map.of()).topicOf(ORDERS).topic().orElseThrow();
    }

    private static Map<String, String> config(String... keysAndValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }
}
