package io.github.cdcverify.stack;

import java.lang.reflect.Method;
import java.util.List;
import java.util.logging.Level;

/**
 * Keeps Kafka, Connect, Debezium, Jetty and ZooKeeper-era loggers at WARN in a JVM whose logging is not ours: a
 * user's project logs through its own backend (logback under Spring Boot), where the Kafka clients we create would
 * print hundreds of INFO lines. Sets the level only of loggers the user left unconfigured, in whichever of logback,
 * log4j2 and java.util.logging is present, by reflection (none of them is a dependency of the library).
 * {@code cdc.log.thirdparty} (e.g. {@code INFO}) chooses another level; {@code cdc.log.quiet=false} leaves all alone.
 */
final class QuietLogging {

    static final List<String> THIRD_PARTY = List.of("org.apache.kafka", "kafka", "io.debezium", "org.eclipse.jetty",
            "org.glassfish.jersey", "org.reflections", "io.zonky", "org.testcontainers", "com.github.dockerjava");
    /**
     * As in our log4j2.xml: expected while a broker starts or topics are created ("Connection to node -1 could not
     * be established", a dozen lines per start), and Testcontainers' missing-Docker ERROR where we only asked.
     */
    static final List<String> ERROR_ONLY = List.of("org.apache.kafka.clients.NetworkClient",
            "org.apache.kafka.clients.admin.internals.AdminMetadataManager", "org.testcontainers.dockerclient");
    /** java.util.logging keeps its loggers weakly: a level set on one nobody holds would be lost with it. */
    private static final List<java.util.logging.Logger> JUL_LOGGERS = new java.util.ArrayList<>();
    private static volatile boolean applied;

    private QuietLogging() {
    }

    static synchronized void apply() {
        if (applied || "false".equalsIgnoreCase(System.getProperty("cdc.log.quiet"))) {
            return;
        }
        applied = true;
        String level = System.getProperty("cdc.log.thirdparty", "WARN");
        logback(THIRD_PARTY, level);
        log4j2(THIRD_PARTY, level);
        julLevel(THIRD_PARTY, level);
        if (System.getProperty("cdc.log.thirdparty") == null) {
            logback(ERROR_ONLY, "ERROR");
            log4j2(ERROR_ONLY, "ERROR");
            julLevel(ERROR_ONLY, "ERROR");
        }
    }

    private static void logback(List<String> names, String level) {
        try {
            Object factory = org.slf4j.LoggerFactory.getILoggerFactory();
            if (!factory.getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
                return;
            }
            Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level", true, factory.getClass().getClassLoader());
            Object warn = levelClass.getMethod("toLevel", String.class).invoke(null, level);
            Method getLogger = factory.getClass().getMethod("getLogger", String.class);
            for (String name : names) {
                Object logger = getLogger.invoke(factory, name);
                if (logger.getClass().getMethod("getLevel").invoke(logger) == null) {
                    logger.getClass().getMethod("setLevel", levelClass).invoke(logger, warn);
                }
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // Another logback than we know: its levels stay as they are.
        }
    }

    private static void log4j2(List<String> names, String level) {
        try {
            Class<?> configurator = Class.forName("org.apache.logging.log4j.core.config.Configurator");
            Class<?> logManager = Class.forName("org.apache.logging.log4j.LogManager");
            Object context = logManager.getMethod("getContext", boolean.class).invoke(null, false);
            if (!context.getClass().getName().equals("org.apache.logging.log4j.core.LoggerContext")) {
                return;
            }
            Object configuration = context.getClass().getMethod("getConfiguration").invoke(context);
            Object loggers = configuration.getClass().getMethod("getLoggers").invoke(configuration);
            Class<?> levelClass = Class.forName("org.apache.logging.log4j.Level");
            Object target = levelClass.getMethod("toLevel", String.class).invoke(null, level);
            Method setLevel = configurator.getMethod("setLevel", String.class, levelClass);
            for (String name : names) {
                if (!((java.util.Map<?, ?>) loggers).containsKey(name) && rootIsVerbose(configuration, levelClass, target)) {
                    setLevel.invoke(null, name, target);
                }
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // Without log4j-core (or another version): nothing to set.
        }
    }

    /** Our own log4j2.xml keeps the root at WARN already; a user's root at INFO or finer gets the loggers set. */
    private static boolean rootIsVerbose(Object configuration, Class<?> levelClass, Object target)
            throws ReflectiveOperationException {
        Object root = configuration.getClass().getMethod("getRootLogger").invoke(configuration);
        Object rootLevel = root.getClass().getMethod("getLevel").invoke(root);
        return rootLevel != null && (boolean) levelClass.getMethod("isLessSpecificThan", levelClass)
                .invoke(rootLevel, target) && !rootLevel.equals(target);
    }

    private static void julLevel(List<String> names, String level) {
        Level jul = switch (level.toUpperCase(java.util.Locale.ROOT)) {
            case "ERROR" -> Level.SEVERE;
            case "INFO" -> Level.INFO;
            case "DEBUG" -> Level.FINE;
            case "TRACE" -> Level.FINEST;
            default -> Level.WARNING;
        };
        for (String name : names) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(jul);
                JUL_LOGGERS.add(logger);
            }
        }
    }
}
