package io.github.cdcverify.setup;

import java.util.List;

/** Something a scenario or check created on the pipeline could not be removed; it is still there. */
public final class CleanupException extends RuntimeException {

    private final List<String> failures;

    public CleanupException(String owner, List<String> failures) {
        super("Could not remove everything " + owner + " created; still there, remove by hand: "
                + String.join("; ", failures));
        this.failures = List.copyOf(failures);
    }

    /** One entry per object (or group of objects) left behind, with the reason. */
    public List<String> failures() {
        return failures;
    }
}
