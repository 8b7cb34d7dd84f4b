package io.github.cdcverify.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

final class TempFiles {

    private TempFiles() {
    }

    /** Best effort: a file that cannot be removed is left behind rather than failing a shutdown. */
    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // left behind on purpose, see above
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
