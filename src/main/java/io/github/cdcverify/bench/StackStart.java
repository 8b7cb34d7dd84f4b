package io.github.cdcverify.bench;

import io.github.cdcverify.stack.CdcStack;
import io.github.cdcverify.stack.EmbeddedStack;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the start of the stack under test went, as far as the caller saw it.
 *
 * @param componentsMs each component's start in milliseconds, as the stack reports it (embedded only)
 * @param stackMs      the whole {@link CdcStack#start()}, or {@code null} when the stack was started elsewhere
 */
public record StackStart(Map<String, Long> componentsMs, Long stackMs) {

    /** A stack someone else started (e.g. a test run's shared stack). */
    public static StackStart unknown() {
        return new StackStart(Map.of(), null);
    }

    /** Starts {@code stack} and times it, with its components' times where the stack reports them. */
    public static StackStart start(CdcStack stack) {
        long began = System.nanoTime();
        stack.start();
        long stackMs = (System.nanoTime() - began) / 1_000_000;
        Map<String, Long> components = new LinkedHashMap<>();
        if (stack instanceof EmbeddedStack embedded) {
            for (Map.Entry<String, Duration> component : embedded.startupTimes().entrySet()) {
                components.put(component.getKey(), component.getValue().toMillis());
            }
        }
        return new StackStart(components, stackMs);
    }
}
