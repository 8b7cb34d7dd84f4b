package io.github.cdcverify.stack;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses and configures a stack from system properties and environment variables with the same names everywhere:
 * {@code -Dcdc.stack=embedded} or {@code CDC_STACK=embedded}. A system property wins over the environment.
 */
public final class StackConfig {

    /** The property that names the kind of stack. */
    public static final String STACK = "cdc.stack";

    private final Function<String, String> properties;
    private final Function<String, String> environment;

    StackConfig(Function<String, String> properties, Function<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** Reads the JVM's system properties and the process environment. */
    public static StackConfig fromSystem() {
        return new StackConfig(System::getProperty, System::getenv);
    }

    /** A setting by property name, e.g. {@code cdc.stack}, else its environment form {@code CDC_STACK}. */
    public Optional<String> get(String property) {
        String value = properties.apply(property);
        if (value == null || value.isBlank()) {
            value = environment.apply(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank()).map(String::trim);
    }

    /**
     * A new, not yet started stack of the configured kind. {@code embedded} is the default and, in this version,
     * the only kind.
     *
     * @throws StackException for an unknown or unavailable kind, naming the accepted ones
     */
    public CdcStack newStack() {
        String kind = get(STACK).orElse("embedded").toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "embedded", "auto" -> new EmbeddedStack();
            default -> throw new StackException("Unknown stack kind '" + kind + "' in " + STACK + " / CDC_STACK. "
                    + "Use 'embedded' (the default; 'auto' chooses it as well).");
        };
    }
}
