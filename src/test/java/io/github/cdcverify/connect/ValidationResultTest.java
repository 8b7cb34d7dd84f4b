package io.github.cdcverify.connect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ValidationResultTest {

    // Shape of Connect's PUT /connector-plugins/{class}/config/validate answer, trimmed to four configs.
    private static final String INVALID = """
            {
              "name": "io.debezium.connector.postgresql.PostgresConnector",
              "error_count": 2,
              "groups": ["Common", "Transforms", "Predicates", "Error Handling", "Connection", "Postgres"],
              "configs": [
                {
                  "definition": {"name": "connector.class", "type": "STRING", "required": true,
                                 "default_value": null, "importance": "HIGH", "documentation": "Name of the class",
                                 "group": "Common", "width": "LONG", "display_name": "Connector class",
                                 "dependents": [], "order": 2},
                  "value": {"name": "connector.class",
                            "value": "io.debezium.connector.postgresql.PostgresConnector",
                            "recommended_values": [], "errors": [], "visible": true}
                },
                {
                  "definition": {"name": "database.hostname", "type": "STRING", "required": false,
                                 "default_value": null, "importance": "HIGH", "documentation": "Resolvable hostname",
                                 "group": "Connection", "width": "MEDIUM", "display_name": "Hostname",
                                 "dependents": [], "order": 2},
                  "value": {"name": "database.hostname", "value": null, "recommended_values": [],
                            "errors": ["The 'database.hostname' value is invalid: A value is required"],
                            "visible": true}
                },
                {
                  "definition": {"name": "database.password", "type": "PASSWORD", "required": false,
                                 "default_value": null, "importance": "HIGH", "documentation": "Password",
                                 "group": "Connection", "width": "SHORT", "display_name": "Password",
                                 "dependents": [], "order": 5},
                  "value": {"name": "database.password", "value": "[hidden]", "recommended_values": [],
                            "errors": [], "visible": true}
                },
                {
                  "definition": {"name": "topic.prefix", "type": "STRING", "required": true,
                                 "default_value": null, "importance": "HIGH", "documentation": "Topic prefix",
                                 "group": "Connection", "width": "MEDIUM", "display_name": "Topic prefix",
                                 "dependents": [], "order": 7},
                  "value": {"name": "topic.prefix", "value": "bad prefix!", "recommended_values": [],
                            "errors": ["The 'topic.prefix' value is invalid: bad prefix! has invalid format",
                                       "Topic prefix must not contain spaces"],
                            "visible": true}
                }
              ]
            }
            """;

    @Test
    void parsesErrorCountAndEveryErrorAsNameColonMessage() {
        ValidationResult result = ValidationResult.fromJson(INVALID);

        assertThat(result.errorCount()).isEqualTo(2);
        assertThat(result.isValid()).isFalse();
        assertThat(result.errors()).containsExactly(
                "database.hostname: The 'database.hostname' value is invalid: A value is required",
                "topic.prefix: The 'topic.prefix' value is invalid: bad prefix! has invalid format",
                "topic.prefix: Topic prefix must not contain spaces");
    }

    @Test
    void groupsErrorsByFieldAndOmitsFieldsWithoutErrors() {
        ValidationResult result = ValidationResult.fromJson(INVALID);

        assertThat(result.errorsByField()).containsOnlyKeys("database.hostname", "topic.prefix");
        assertThat(result.errorsByField().get("topic.prefix")).hasSize(2);
        assertThat(result.toString()).doesNotContain("[hidden]", "connector.class");
    }

    @Test
    void validConfigurationHasNoErrors() {
        ValidationResult result = ValidationResult.fromJson("""
                {"name": "PostgresConnector", "error_count": 0, "groups": [],
                 "configs": [{"definition": {"name": "tasks.max"},
                              "value": {"name": "tasks.max", "value": "1", "errors": []}}]}
                """);

        assertThat(result.isValid()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.errorsByField()).isEmpty();
    }

    @Test
    void countsErrorsItselfWhenErrorCountIsMissing() {
        ValidationResult result = ValidationResult.fromJson("""
                {"configs": [{"value": {"name": "a", "errors": ["x", "y"]}}]}
                """);

        assertThat(result.errorCount()).isEqualTo(2);
        assertThat(result.errorsByField()).containsEntry("a", List.of("x", "y"));
    }
}
