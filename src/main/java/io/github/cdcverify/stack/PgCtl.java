package io.github.cdcverify.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's own {@code pg_ctl} on an embedded server's data directory: stop (fast or immediate) and start again
 * with the same settings, whichever JVM started the server. Needs nothing of zonky's: the binaries are where
 * {@code postmaster.opts} says, so a test JVM without zonky's jars can stop and restart a server that a JVM of its
 * own started.
 */
final class PgCtl {

    private final Path dataDirectory;
    private String postmasterOptions;

    PgCtl(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /**
     * Stops the server with {@code pg_ctl -m MODE stop} ({@code fast}: a clean shutdown; {@code immediate}: every
     * process quits at once and the next start runs crash recovery), keeping the data directory and the server's
     * command line for {@link #restart()}.
     */
    void stop(String mode) {
        postmasterOptions = readPostmasterOptions();
        run("-m", mode, "stop");
    }

    /** Starts a server stopped with {@link #stop(String)} on the same data directory, port and settings; waits until ready. */
    void restart() {
        if (postmasterOptions == null) {
            throw new IllegalStateException("PostgreSQL was not stopped with stop()");
        }
        // postmaster.opts is the postgres binary followed by its quoted arguments; pg_ctl hands -o to a shell.
        int endOfBinary = postmasterOptions.indexOf(' ');
        String arguments = endOfBinary < 0 ? "" : postmasterOptions.substring(endOfBinary + 1);
        run("-o", arguments, "-l", dataDirectory.resolveSibling("postgres-restarted.log").toString(), "start");
        postmasterOptions = null;
    }

    /** An immediate stop when a server still runs on the data directory (its owner JVM died before stopping it). */
    void stopIfRunning() {
        if (Files.exists(dataDirectory.resolve("postmaster.pid")) && Files.exists(dataDirectory.resolve("postmaster.opts"))) {
            run("-m", "immediate", "stop");
        }
    }

    private String readPostmasterOptions() {
        try {
            return Files.readString(dataDirectory.resolve("postmaster.opts")).trim();
        } catch (IOException e) {
            throw new StackException("Could not read PostgreSQL's command line from " + dataDirectory
                    + "/postmaster.opts: " + e.getMessage(), e);
        }
    }

    private void run(String... command) {
        Path pgCtl = binaryDirectory().resolve("pg_ctl");
        List<String> line = new ArrayList<>();
        // PostgreSQL refuses to run as root; as root zonky runs its binaries in a new user namespace, and so do we.
        if (Unshare.NEEDED) {
            line.addAll(List.of("unshare", "-U"));
        }
        line.addAll(List.of(pgCtl.toString(), "-D", dataDirectory.toString(), "-w", "-t", "60"));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new StackException("pg_ctl " + command[command.length - 1] + " failed (exit " + exit + "): "
                        + output.trim());
            }
        } catch (IOException e) {
            throw new StackException("Could not run " + pgCtl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while running pg_ctl", e);
        }
    }

    /** Where the binaries were extracted: postmaster.opts starts with the postgres executable's path. */
    private Path binaryDirectory() {
        String options = postmasterOptions;
        if (options == null) {
            try {
                options = Files.readString(dataDirectory.resolve("postmaster.opts")).trim();
            } catch (IOException e) {
                throw new StackException("Could not find PostgreSQL's binaries: " + e.getMessage(), e);
            }
        }
        int endOfBinary = options.indexOf(' ');
        String binary = endOfBinary < 0 ? options : options.substring(0, endOfBinary);
        return Path.of(binary).getParent();
    }

    /**
     * zonky's own rule: as root on Linux, where {@code unshare -U} gives a user that is not root (e.g. 65534), the
     * binaries run in a new user namespace.
     */
    private static final class Unshare {

        static final boolean NEEDED = "0".equals(output("id", "-u")) && isOtherUser(output("unshare", "-U", "id", "-u"));

        private static boolean isOtherUser(String uid) {
            return uid != null && !uid.isEmpty() && !"0".equals(uid);
        }

        private static String output(String... command) {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                return null;
            }
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                return process.waitFor() == 0 ? output : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
