package io.github.cdcverify.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.StringWriter;

/**
 * Until closed, sends every log line to a sink instead of the console, with third-party loggers raised from WARN
 * to INFO: Kafka, Connect and Debezium print their configurations at INFO.
 */
final class LogCapture implements AutoCloseable {
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final LoggerConfig root = context.getConfiguration().getRootLogger();
    private final Level previousLevel = root.getLevel();
    private final WriterAppender appender;
    private final java.util.Map<String, org.apache.logging.log4j.core.Appender> console;

    private LogCapture(StringWriter sink) {
        appender = WriterAppender.newBuilder().setName("security-capture").setTarget(sink)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %c %m%n%throwable").build()).build();
        appender.start();
        console = new java.util.HashMap<>(root.getAppenders());
        console.keySet().forEach(root::removeAppender);
        root.addAppender(appender, Level.ALL, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
    }

    static LogCapture into(StringWriter sink) {
        return new LogCapture(sink);
    }

    @Override
    public void close() {
        root.removeAppender(appender.getName());
        console.values().forEach(previous -> root.addAppender(previous, null, null));
        root.setLevel(previousLevel);
        context.updateLoggers();
        appender.stop();
    }
}
