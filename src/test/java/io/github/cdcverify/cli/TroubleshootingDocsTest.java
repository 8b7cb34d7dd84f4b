package io.github.cdcverify.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/troubleshooting.md quotes messages cdc-verify prints; each quote must still be printed. A quote is the text in
 * backticks in the first column of a table whose header starts with {@code message}; {@code <...>} marks a part that
 * varies. The literal parts between placeholders must occur, in the quote's order, in one source file under
 * src/main/java, read as the strings a message is built from: string literals joined by {@code +} count as one text,
 * anything else between them (a variable, a call) ends it, as a placeholder does in the page.
 */
class TroubleshootingDocsTest {

    private static final Path PAGE = Path.of("docs/troubleshooting.md");
    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Pattern QUOTE = Pattern.compile("`([^`]+)`");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]+>");
    /** Cells are separated by a pipe that is not escaped; {@code \|} is a pipe inside a cell. */
    private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");
    /** Between a file's texts when searching them as one string: a quoted part never spans two texts. */
    private static final String TEXT_SEPARATOR = "\u0000";

    @Test
    void everyMessageThePageQuotesIsInTheCode() throws IOException {
        List<String> quotes = quotedMessages(Files.readString(PAGE));

        assertThat(quotes).as("messages quoted in " + PAGE).hasSizeGreaterThan(100);
        assertThat(notInCode(quotes, mainSourceTexts()))
                .as("quotes in " + PAGE + " whose words are not in any message under " + MAIN_SOURCES
                        + " (the message changed: quote it as the code prints it now)")
                .isEmpty();
    }

    @Test
    void aQuoteTheCodeDoesNotPrintIsReportedByName() {
        String page = """
                | message | cause | fix |
                | --- | --- | --- |
                | `PostgreSQL is not reachable at <where> (<reason>)` | down | start it |
                | `Kafka has gone fishing at <servers>` | made up | none |
                """;
        List<String> texts = javaTexts("""
                String m = "PostgreSQL is not reachable at " + where + " (" + firstLine(e)
                        + "). Start it.";
                """);

        assertThat(notInCode(quotedMessages(page), List.of(texts)))
                .containsExactly("`Kafka has gone fishing at <servers>`: no text in the code contains "
                        + "\"Kafka has gone fishing at\"");
    }

    @Test
    void literalsJoinedByPlusReadAsOneTextAndAnythingElseEndsIt() {
        List<String> texts = javaTexts("""
                // a "comment" is no message
                char quote = '"';
                String a = "wal_level is '" + level + "' but Debezium needs 'logical'. Run ALTER SYSTEM SET "
                        + "wal_level = logical and say \\"please\\".";
                """);

        assertThat(texts).containsExactly("\"", "wal_level is '", "' but Debezium needs 'logical'. Run ALTER SYSTEM SET "
                + "wal_level = logical and say \"please\".");
        assertThat(notInCode(List.of("wal_level is '<level>' but Debezium needs 'logical'. Run ALTER SYSTEM SET "
                + "wal_level = logical"), List.of(texts))).isEmpty();
        assertThat(notInCode(List.of("a comment is no message"), List.of(texts))).hasSize(1);
    }

    @Test
    void wordsOfTwoMessagesDoNotMakeOneQuote() {
        List<String> postgres = javaTexts("""
                String a = "PostgreSQL is not reachable at " + where + ". Start it.";
                """);
        List<String> kafka = javaTexts("""
                String b = "Kafka is not reachable at " + servers + ". Start it, or pass --kafka.";
                """);

        assertThat(notInCode(List.of("PostgreSQL is not reachable at <where>. Start it, or pass --kafka."),
                List.of(postgres, kafka))).containsExactly("`PostgreSQL is not reachable at <where>. Start it, or "
                + "pass --kafka.`: its parts are in no one source file in this order");
        assertThat(notInCode(List.of("Start it. <where> PostgreSQL is not reachable at"), List.of(postgres)))
                .hasSize(1);
        assertThat(notInCode(List.of("Kafka is not reachable at <servers>. Start it, or pass --kafka."),
                List.of(postgres, kafka))).isEmpty();
    }

    @Test
    void everyRowOfAMessageTableQuotesAMessage() {
        String page = """
                | message | cause | fix |
                | --- | --- | --- |
                | the usage | unknown option | read it |

                | you see | section |
                | --- | --- |
                | anything | [here](#here) |
                """;

        assertThat(quotedMessages(page)).containsExactly("(no quoted message in row: | the usage | unknown option "
                + "| read it |)");
    }

    /** The backticked texts of the first cell of each row of every table headed {@code | message |}. */
    static List<String> quotedMessages(String markdown) {
        List<String> quotes = new ArrayList<>();
        boolean inMessageTable = false;
        for (String line : markdown.split("\n")) {
            String row = line.strip();
            if (!row.startsWith("|")) {
                inMessageTable = false;
                continue;
            }
            String firstCell = CELL_SEPARATOR.split(row, -1)[1].strip();
            if (firstCell.equals("message")) {
                inMessageTable = true;
            } else if (inMessageTable && !firstCell.startsWith("---")) {
                Matcher quote = QUOTE.matcher(firstCell);
                int before = quotes.size();
                while (quote.find()) {
                    quotes.add(quote.group(1).replace("\\|", "|"));
                }
                if (quotes.size() == before) {
                    quotes.add("(no quoted message in row: " + row + ")");
                }
            }
        }
        return quotes;
    }

    /**
     * One line per quote the code does not print: a literal part that no text contains, or parts that are in no one
     * source file in the quote's order (words of two unrelated messages).
     *
     * @param textsByFile each source file's texts, see {@link #javaTexts}
     */
    static List<String> notInCode(List<String> quotes, List<List<String>> textsByFile) {
        List<String> files = textsByFile.stream().map(texts -> String.join(TEXT_SEPARATOR, texts)).toList();
        List<String> missing = new ArrayList<>();
        for (String quote : quotes) {
            List<String> literals = Stream.of(PLACEHOLDER.split(quote)).map(String::strip)
                    .filter(literal -> !literal.isEmpty()).toList();
            Optional<String> unknown = literals.stream()
                    .filter(literal -> files.stream().noneMatch(file -> file.contains(literal))).findFirst();
            if (unknown.isPresent()) {
                missing.add("`" + quote + "`: no text in the code contains \"" + unknown.get() + "\"");
            } else if (files.stream().noneMatch(file -> containsInOrder(file, literals))) {
                missing.add("`" + quote + "`: its parts are in no one source file in this order");
            }
        }
        return missing;
    }

    private static boolean containsInOrder(String file, List<String> literals) {
        int from = 0;
        for (String literal : literals) {
            int at = file.indexOf(literal, from);
            if (at < 0) {
                return false;
            }
            from = at + literal.length();
        }
        return true;
    }

    private static List<List<String>> mainSourceTexts() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().map(file -> {
                try {
                    return javaTexts(Files.readString(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    /**
     * The string literals of Java source, unescaped, with literals joined by {@code +} alone taken as one text.
     * A character literal is a text of its own; comments and text blocks are skipped.
     */
    static List<String> javaTexts(String source) {
        List<String> texts = new ArrayList<>();
        StringBuilder text = null;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = endOf(source, "\n", i + 2);
            } else if (source.startsWith("/*", i)) {
                i = endOf(source, "*/", i + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                text = flush(texts, text);
                i = endOf(source, "\"\"\"", i + 3);
            } else if (c == '\'') {
                // A character literal is message text too (append(']')), but never joined to a string.
                text = flush(texts, text);
                StringBuilder character = new StringBuilder();
                i = readLiteral(source, i + 1, '\'', character);
                texts.add(character.toString());
            } else if (c == '"') {
                if (text == null) {
                    text = new StringBuilder();
                }
                i = readLiteral(source, i + 1, '"', text);
            } else if (c == '+' || Character.isWhitespace(c)) {
                i++;
            } else {
                text = flush(texts, text);
                i++;
            }
        }
        flush(texts, text);
        return texts;
    }

    /** Appends the literal's unescaped content; returns the index after its closing {@code quote}. */
    private static int readLiteral(String source, int i, char quote, StringBuilder text) {
        while (source.charAt(i) != quote) {
            char c = source.charAt(i);
            if (c == '\\') {
                char escaped = source.charAt(i + 1);
                text.append(switch (escaped) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> escaped;
                });
                i += 2;
            } else {
                text.append(c);
                i++;
            }
        }
        return i + 1;
    }

    private static int endOf(String source, String end, int from) {
        int at = source.indexOf(end, from);
        return at < 0 ? source.length() : at + end.length();
    }

    private static StringBuilder flush(List<String> texts, StringBuilder text) {
        if (text != null) {
            texts.add(text.toString());
        }
        return null;
    }
}
