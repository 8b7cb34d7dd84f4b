package io.github.cdcverify.suite;

import java.time.Duration;

/** How long the scenarios wait for what a healthy pipeline delivers within a second or two: one bound for all. */
public final class Waits {

    /** For change events to reach a reader after their commit (also after a connector's start and snapshot). */
    public static final Duration EVENTS = Duration.ofSeconds(30);

    private Waits() {
    }
}
