package io.github.cdcverify.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connector configuration as users keep it in Git: the JSON of {@code PUT /connectors/NAME/config} (a bare map of
 * settings) or of {@code POST /connectors} ({@code {"name": ..., "config": {...}}}), to register as written on a
 * fresh pipeline. Only the endpoints are replaced ({@link #ENDPOINT_KEYS}); config provider references
 * ({@code ${env:NAME}}, {@code ${file:PATH:KEY}}) in other settings are resolved here, because the fresh pipeline's
 * worker has not the user's providers; their values are never printed.
 */
public final class ConnectorConfigFile {

    /** The settings that point at the user's database: the fresh pipeline's own replace them. */
    public static final List<String> ENDPOINT_KEYS = List.of("database.hostname", "database.port", "database.dbname",
            "database.user", "database.password", "database.sslmode");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+):([^}]*)}");

    private final Path file;
    private final String name;
    private final Map<String, String> config;

    private ConnectorConfigFile(Path file, String name, Map<String, String> config) {
        this.file = file;
        this.name = name;
        this.config = config;
    }

    /**
     * What the fresh pipeline registers.
     *
     * @param config   the settings as written, the endpoints replaced and references resolved
     * @param replaced the endpoint keys the file set and the pipeline replaced, in {@link #ENDPOINT_KEYS} order
     * @param added    the endpoint keys the file lacked and the pipeline added
     * @param resolved the keys whose references ({@code ${env:...}}, {@code ${file:...}}) were resolved
     */
    public record Registration(String name, Map<String, String> config, List<String> replaced, List<String> added,
                               List<String> resolved) {

        /** One line for the output: what was replaced, never a value. */
        public String describe() {
            StringBuilder line = new StringBuilder("Registering connector " + name + " as written");
            line.append(replaced.isEmpty() ? "" : "; replaced for the fresh pipeline: " + String.join(", ", replaced));
            line.append(added.isEmpty() ? "" : "; added: " + String.join(", ", added));
            line.append(resolved.isEmpty() ? "" : "; config provider references resolved in: "
                    + String.join(", ", resolved));
            return line.append('.').toString();
        }
    }

    /**
     * @throws IllegalArgumentException one paragraph: the file is unreadable, not JSON, not an object of settings,
     *                                  or has no {@code connector.class}
     */
    public static ConnectorConfigFile read(Path file) {
        JsonNode root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JSON.readTree(reader);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Connector config " + file + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage() + "). Give the JSON you PUT to /connectors/NAME/config, or the "
                    + "{\"name\": ..., \"config\": {...}} you POST to /connectors.");
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read connector config " + file + ": " + e.getMessage()
                    + ". Check the path given with --connector-config.");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("Connector config " + file + " is not a JSON object. Give the JSON "
                    + "you PUT to /connectors/NAME/config, or the {\"name\": ..., \"config\": {...}} you POST to "
                    + "/connectors.");
        }
        JsonNode settings = root.has("config") && root.get("config").isObject() ? root.get("config") : root;
        Map<String, String> config = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> setting : settings.properties()) {
            JsonNode value = setting.getValue();
            if (value.isContainerNode()) {
                throw new IllegalArgumentException("Connector config " + file + ": setting " + setting.getKey()
                        + " is a JSON " + (value.isArray() ? "array" : "object") + ", but Kafka Connect takes "
                        + "strings only (e.g. \"table.include.list\": \"public.a,public.b\").");
            }
            if (!value.isNull()) {
                config.put(setting.getKey(), value.asText());
            }
        }
        if (config.getOrDefault("connector.class", "").isBlank()) {
            throw new IllegalArgumentException("Connector config " + file + " has no connector.class, so it names "
                    + "no connector to run. Set \"connector.class\": \"io.debezium.connector.postgresql."
                    + "PostgresConnector\" (in the \"config\" object when the file has one).");
        }
        String name = settings != root && root.hasNonNull("name") ? root.get("name").asText()
                : config.getOrDefault("name", defaultName(file));
        config.remove("name");
        return new ConnectorConfigFile(file, name, config);
    }

    private static String defaultName(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.toLowerCase().endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
    }

    public String name() {
        return name;
    }

    /** The settings as written (references unresolved); do not print: they may hold a password. */
    public Map<String, String> config() {
        return Map.copyOf(config);
    }

    /**
     * The configuration to register: the file's settings with {@code endpoints} (a value for each of
     * {@link #ENDPOINT_KEYS} the pipeline sets; a {@code null} value removes the key) in place of its own, and every
     * other reference resolved.
     *
     * @param environment how {@code ${env:NAME}} is read ({@link System#getenv(String)} outside tests)
     * @throws IllegalArgumentException a reference that cannot be resolved, naming the setting and the reference's
     *                                  provider and variable or file (never a value)
     */
    public Registration forPipeline(Map<String, String> endpoints, UnaryOperator<String> environment) {
        Map<String, String> registered = new LinkedHashMap<>(config);
        List<String> replaced = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (String key : ENDPOINT_KEYS) {
            boolean present = registered.containsKey(key);
            String value = endpoints.get(key);
            if (value == null) {
                if (present) {
                    registered.remove(key);
                    replaced.add(key);
                }
                continue;
            }
            registered.put(key, value);
            (present ? replaced : added).add(key);
        }
        List<String> resolved = new ArrayList<>();
        for (Map.Entry<String, String> setting : registered.entrySet()) {
            if (ENDPOINT_KEYS.contains(setting.getKey()) || !REFERENCE.matcher(setting.getValue()).find()) {
                continue;
            }
            setting.setValue(resolve(setting.getKey(), setting.getValue(), environment));
            resolved.add(setting.getKey());
        }
        return new Registration(name, registered, replaced, added, resolved);
    }

    private String resolve(String key, String value, UnaryOperator<String> environment) {
        Matcher reference = REFERENCE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (reference.find()) {
            String provider = reference.group(1);
            String rest = reference.group(2);
            String resolved = switch (provider) {
                case "env" -> environment.apply(rest.startsWith(":") ? rest.substring(1) : rest);
                case "file" -> fromFile(key, rest);
                default -> throw new IllegalArgumentException("Connector config " + file + ": setting " + key
                        + " refers to config provider '" + provider + "', which the fresh pipeline does not have. "
                        + "Use ${env:VARIABLE} or ${file:PATH:KEY} for it, or a plain value.");
            };
            if (resolved == null) {
                throw new IllegalArgumentException("Connector config " + file + ": setting " + key + " refers to "
                        + "${" + provider + ":" + rest + "}, which is not set here. Set it in the CI job's environment "
                        + "(or the file it names), or write the value into the config.");
            }
            reference.appendReplacement(result, Matcher.quoteReplacement(resolved));
        }
        reference.appendTail(result);
        return result.toString();
    }

    /** {@code PATH:KEY} of Kafka's FileConfigProvider: a properties file and one of its keys. */
    private String fromFile(String key, String pathAndKey) {
        int colon = pathAndKey.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Connector config " + file + ": setting " + key + " has a ${file:...} "
                    + "reference without a key; write ${file:PATH:KEY}, e.g. ${file:/etc/secrets.properties:token}.");
        }
        Path properties = Path.of(pathAndKey.substring(0, colon));
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
            loaded.load(reader);
        } catch (IOException e) {
            return null;
        }
        return loaded.getProperty(pathAndKey.substring(colon + 1));
    }
}
