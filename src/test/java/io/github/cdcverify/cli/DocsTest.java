package io.github.cdcverify.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The README and the reference in docs/ cannot drift from the code: every option is documented, every link works. */
class DocsTest {

    private static final Path COMMANDS = Path.of("docs/commands.md");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]*)(?:#([^)\\s]+))?\\)");
    private static final Pattern HEADING = Pattern.compile("^#+ (.+)$");

    @Test
    void everyOptionOfEveryCommandIsInTheCommandReference() throws IOException {
        String reference = Files.readString(COMMANDS);
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, CommandLine> command : CdcVerifyCli.commandLine(nowhere, nowhere).getSubcommands()
                .entrySet()) {
            String section = section(reference, "### `" + command.getKey() + "`");
            for (OptionSpec option : command.getValue().getCommandSpec().options()) {
                if (!section.contains(option.longestName())) {
                    missing.add(command.getKey() + " " + option.longestName());
                }
            }
        }
        assertThat(missing).as("options missing from " + COMMANDS + " (paste the command's --help there)").isEmpty();
    }

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsLeadsToAFileAndHeadingThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher link = LINK.matcher(withoutCodeBlocks(Files.readString(page)));
            while (link.find()) {
                String file = link.group(1);
                if (file.startsWith("http")) {
                    continue;
                }
                Path target = file.isEmpty() ? page : page.resolveSibling(file).normalize();
                if (!Files.exists(target)) {
                    broken.add(page + ": " + link.group());
                } else if (link.group(2) != null && target.toString().endsWith(".md")
                        && !anchors(target).contains(link.group(2))) {
                    broken.add(page + ": " + link.group() + " (no such heading in " + target + ")");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theReadmeStaysShort() throws IOException {
        assertThat(Files.readAllLines(Path.of("README.md"))).as("README.md lines: the reference belongs in docs/")
                .hasSizeLessThanOrEqualTo(250);
    }

    private static String section(String reference, String heading) {
        int start = reference.indexOf(heading);
        assertThat(start).as(heading + " in " + COMMANDS).isNotNegative();
        int next = reference.indexOf("\n### ", start + heading.length());
        return next < 0 ? reference.substring(start) : reference.substring(start, next);
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** GitHub's anchors: the heading in lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        for (String line : withoutCodeBlocks(Files.readString(page)).split("\n")) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                anchors.add(heading.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("[^\\w\\- ]", "")
                        .replace(' ', '-'));
            }
        }
        return anchors;
    }

    private static String withoutCodeBlocks(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "");
    }
}
