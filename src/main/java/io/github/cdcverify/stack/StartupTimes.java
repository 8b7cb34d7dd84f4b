package io.github.cdcverify.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** How long each component of an {@link EmbeddedStack} took to start, by name, in the order they finished. */
final class StartupTimes {

    // Under the stack's name, as before this class was split out of it: a log configuration naming it still works.
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    private final Map<String, Duration> times = Collections.synchronizedMap(new LinkedHashMap<>());

    /** Runs {@code start}, then records and logs how long it took. */
    void timed(String component, Runnable start) {
        long began = System.nanoTime();
        start.run();
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        times.put(component, took);
        log.info("{} started in {} ms", component, took.toMillis());
    }

    Map<String, Duration> snapshot() {
        synchronized (times) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(times));
        }
    }
}
