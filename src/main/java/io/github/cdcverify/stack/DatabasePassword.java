package io.github.cdcverify.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a database password comes from. Never a flag or a system property (they show up in shell history and process
 * lists): the first line of a file, else the {@code CDC_DB_PASSWORD} environment variable, else the tutorial's
 * {@code postgres}.
 */
public final class DatabasePassword {

    /** The environment variable read when no file is given. */
    public static final String ENVIRONMENT_VARIABLE = "CDC_DB_PASSWORD";

    private DatabasePassword() {
    }

    /**
     * @param file a file whose first line is the password, or {@code null}
     * @throws StackException naming the file when it cannot be read
     */
    public static String resolve(Path file) {
        if (file != null) {
            try {
                return Files.readAllLines(file).stream().findFirst().orElse("");
            } catch (IOException e) {
                throw new StackException("Cannot read the password file " + file + " (" + e.getClass().getSimpleName()
                        + "). Check the path given to --db-password-file or cdc.db.password-file.");
            }
        }
        String fromEnvironment = System.getenv(ENVIRONMENT_VARIABLE);
        return fromEnvironment != null ? fromEnvironment : "postgres";
    }
}
