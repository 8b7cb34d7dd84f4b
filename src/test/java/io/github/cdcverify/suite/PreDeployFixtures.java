package io.github.cdcverify.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/** The pre-deploy fixtures under {@code src/test/resources/predeploy}: the shop's connector config and its schemas. */
public final class PreDeployFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PreDeployFixtures() {
    }

    /** A file or folder of the fixtures, by name. */
    public static Path file(String name) throws URISyntaxException {
        return Path.of(PreDeployFixtures.class.getResource("/predeploy/" + name).toURI());
    }

    /** The shop's connector config with {@code settings} changed, written as {@code variant.json} into {@code dir}. */
    public static Path variant(Path dir, Map<String, String> settings) throws IOException, URISyntaxException {
        ObjectNode root = (ObjectNode) JSON.readTree(file("shop-connector.json").toFile());
        settings.forEach(((ObjectNode) root.get("config"))::put);
        Path file = dir.resolve("variant.json");
        JSON.writeValue(file.toFile(), root);
        return file;
    }
}
