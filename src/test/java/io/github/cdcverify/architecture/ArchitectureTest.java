package io.github.cdcverify.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The layers of docs/architecture.md are the code's: every import points down, every package is listed. */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/io/github/cdcverify");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package io\\.github\\.cdcverify\\.([a-z]+)");
    private static final Pattern IMPORT =
            Pattern.compile("(?m)^import (?:static )?io\\.github\\.cdcverify\\.([a-z]+)\\.");

    @Test
    void everyImportPointsToALowerLayer() throws IOException {
        Map<String, Integer> layers = layers(Files.readString(Path.of("docs/architecture.md")));
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                violations.addAll(violations(SOURCES.relativize(file).toString(), Files.readString(file), layers));
            }
        }

        assertThat(violations).as("imports that point up or sideways, or packages not in docs/architecture.md")
                .isEmpty();
    }

    @Test
    void everyPackageIsALayerOfTheDocument() throws IOException {
        Map<String, Integer> layers = layers(Files.readString(Path.of("docs/architecture.md")));
        TreeSet<String> packages = new TreeSet<>();
        try (Stream<Path> directories = Files.list(SOURCES)) {
            directories.filter(Files::isDirectory).forEach(dir -> packages.add(dir.getFileName().toString()));
        }

        assertThat(layers.keySet()).containsExactlyInAnyOrderElementsOf(packages);
    }

    @Test
    void anImportUpOrSidewaysIsNamed() {
        Map<String, Integer> layers = layers("```layers\ncli\ncheck bench\njudge\nstack\n```\n");

        assertThat(violations("stack/Up.java", "package io.github.cdcverify.stack;\n"
                + "import io.github.cdcverify.judge.Verdict;\n", layers))
                .containsExactly("stack/Up.java: stack imports judge, a layer above it");
        assertThat(violations("check/Side.java", "package io.github.cdcverify.check.deployed;\n"
                + "import io.github.cdcverify.bench.Bench;\nimport io.github.cdcverify.check.Check;\n"
                + "import io.github.cdcverify.stack.CdcStack;\n", layers))
                .containsExactly("check/Side.java: check imports bench, a layer beside it");
        assertThat(violations("odd/New.java", "package io.github.cdcverify.odd;\n", layers))
                .containsExactly("odd/New.java: package odd is not a layer of docs/architecture.md");
    }

    /** Rank per package: 0 for the bottom line of the {@code layers} block, higher above. */
    private static Map<String, Integer> layers(String document) {
        Matcher block = Pattern.compile("(?s)```layers\\n(.*?)```").matcher(document);
        assertThat(block.find()).as("a ```layers block in docs/architecture.md").isTrue();
        List<String> lines = block.group(1).lines().filter(line -> !line.isBlank()).toList();
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            for (String name : lines.get(i).trim().split("\\s+")) {
                ranks.put(name, lines.size() - 1 - i);
            }
        }
        return ranks;
    }

    private static List<String> violations(String file, String source, Map<String, Integer> layers) {
        Matcher own = PACKAGE.matcher(source);
        if (!own.find()) {
            return List.of();
        }
        String layer = own.group(1);
        if (!layers.containsKey(layer)) {
            return List.of(file + ": package " + layer + " is not a layer of docs/architecture.md");
        }
        List<String> found = new ArrayList<>();
        Matcher imports = IMPORT.matcher(source);
        while (imports.find()) {
            String used = imports.group(1);
            if (used.equals(layer)) {
                continue;
            }
            Integer rank = layers.get(used);
            if (rank == null) {
                found.add(file + ": package " + used + " is not a layer of docs/architecture.md");
            } else if (rank >= layers.get(layer)) {
                found.add(file + ": " + layer + " imports " + used + ", a layer "
                        + (rank.equals(layers.get(layer)) ? "beside" : "above") + " it");
            }
        }
        return found;
    }
}
