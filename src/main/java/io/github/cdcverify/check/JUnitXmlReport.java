package io.github.cdcverify.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Check results in the JUnit XML format CI systems read (one testsuite, one testcase per check). */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static void write(Path file, String suiteName, List<CheckResult> results) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(suiteName, results), StandardCharsets.UTF_8);
    }

    static String render(String suiteName, List<CheckResult> results) {
        long failures = results.stream().filter(r -> !r.passed() && !r.error()).count();
        long errors = results.stream().filter(CheckResult::error).count();
        double total = results.stream().mapToLong(r -> r.time().toMillis()).sum() / 1000.0;
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" "
                + "skipped=\"0\" time=\"%.3f\">%n", escape(suiteName), results.size(), failures, errors, total));
        for (CheckResult result : results) {
            xml.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\"",
                    escape(suiteName), escape(result.name()), result.time().toMillis() / 1000.0));
            if (result.passed()) {
                xml.append(">\n    <system-out>").append(result.count()).append(' ').append(escape(result.unit()));
                result.notes().forEach(note -> xml.append('\n').append(escape(note)));
                xml.append("</system-out>\n");
            } else {
                String element = result.error() ? "error" : "failure";
                xml.append(">\n    <").append(element).append(" message=\"").append(escape(firstLine(result.failure())))
                        .append("\">").append(escape(result.failure())).append("</").append(element).append(">\n");
            }
            xml.append("  </testcase>\n");
        }
        return xml.append("</testsuite>\n").toString();
    }

    private static String firstLine(String text) {
        String value = String.valueOf(text).strip();
        int newline = value.indexOf('\n');
        return newline < 0 ? value : value.substring(0, newline);
    }

    private static String escape(String text) {
        return String.valueOf(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
