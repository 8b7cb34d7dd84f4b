package io.github.cdcverify.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Writes a report as {@code bench-<timestamp>.json} and {@code latest.json}, and reads saved ones back. */
public final class ReportFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path directory;

    public ReportFiles(Path directory) {
        this.directory = directory;
    }

    /** The report as a JSON tree, the same shape as the files. */
    public static JsonNode toJson(BenchReport report) {
        return JSON.valueToTree(report);
    }

    /** Writes both files; returns the time-stamped one. */
    public Path write(BenchReport report) {
        String text = toJson(report).toPrettyString();
        Path stamped = directory.resolve("bench-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + ".json");
        try {
            Files.createDirectories(directory);
            Files.writeString(stamped, text);
            Files.writeString(directory.resolve("latest.json"), text);
            return stamped;
        } catch (IOException e) {
            throw new BenchException("Could not write the bench report to " + directory + ": " + e.getMessage()
                    + ". Make sure the directory is writable.", e);
        }
    }

    /** Reads a saved report, e.g. for {@code --baseline}. */
    public static JsonNode read(Path file) {
        try {
            JsonNode report = JSON.readTree(file.toFile());
            if (report == null || !report.has("latency")) {
                throw new BenchException("The baseline " + file + " is not a bench report (no \"latency\" in it). "
                        + "Pass a bench-*.json or latest.json written by `cdc-verify bench`.");
            }
            return report;
        } catch (IOException e) {
            throw new BenchException("Could not read the baseline " + file + ": " + e.getMessage()
                    + ". Pass a bench-*.json or latest.json written by `cdc-verify bench`.", e);
        }
    }
}
