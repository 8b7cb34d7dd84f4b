package io.github.cdcverify.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** Resident memory of processes, from Linux's /proc. Every method answers empty where /proc cannot tell. */
final class ProcMemory {

    private static final Path PROC = Path.of("/proc");

    private ProcMemory() {
    }

    /** This JVM's peak resident set (VmHWM), in bytes. */
    static OptionalLong selfPeakRss() {
        return statusField("self", "VmHWM:");
    }

    /** A process's current resident set (VmRSS), in bytes. */
    static OptionalLong rss(long pid) {
        return statusField(Long.toString(pid), "VmRSS:");
    }

    /** A process's proportional set size (shared pages divided among their users), in bytes. */
    static OptionalLong pss(long pid) {
        try {
            for (String line : Files.readAllLines(PROC.resolve(pid + "/smaps_rollup"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Pss:")) {
                    return OptionalLong.of(kilobytes(line) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended, or this kernel has no smaps_rollup
        }
        return OptionalLong.empty();
    }

    /** The parent process id. */
    static OptionalLong parent(long pid) {
        return statusValue(Long.toString(pid), "PPid:");
    }

    /** The process's command line, arguments separated by spaces; empty string if unknown. */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(PROC.resolve(pid + "/cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The ids of the processes whose parent is {@code pid}: from the kernel's list of the process's children where
     * it keeps one (a single-threaded parent, like PostgreSQL's postmaster), else by reading every process's parent.
     */
    static List<Long> children(long pid) {
        try {
            String listed = Files.readString(PROC.resolve(pid + "/task/" + pid + "/children"), StandardCharsets.UTF_8)
                    .trim();
            List<Long> children = new ArrayList<>();
            if (!listed.isEmpty()) {
                for (String child : listed.split("\\s+")) {
                    children.add(Long.parseLong(child));
                }
            }
            return children;
        } catch (IOException | RuntimeException e) {
            return childrenByScan(pid);
        }
    }

    private static List<Long> childrenByScan(long pid) {
        List<Long> children = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .forEach(name -> {
                        long child = Long.parseLong(name);
                        if (parent(child).orElse(-1) == pid) {
                            children.add(child);
                        }
                    });
        } catch (IOException e) {
            // no /proc: no children known
        }
        return children;
    }

    private static OptionalLong statusField(String pid, String field) {
        OptionalLong kb = statusValue(pid, field);
        return kb.isPresent() ? OptionalLong.of(kb.getAsLong() * 1024) : kb;
    }

    private static OptionalLong statusValue(String pid, String field) {
        try {
            for (String line : Files.readAllLines(PROC.resolve(pid + "/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith(field)) {
                    return OptionalLong.of(kilobytes(line));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process ended
        }
        return OptionalLong.empty();
    }

    /** {@code "VmHWM:   123456 kB"} gives 123456. */
    static long kilobytes(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]);
    }
}
