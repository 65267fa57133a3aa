package dev.herald.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything logged while it is open, messages and stack traces, with Herald and Camel at DEBUG,
 * or with the root logger at DEBUG ({@link #withRootAtDebug}, every library's DEBUG lines but those
 * Herald's log4j2.properties pins), so a test can check that a secret appears in none of it.
 */
public final class CapturedLog implements AutoCloseable {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final List<String> DEBUGGED = List.of("dev.herald", "org.apache.camel");

    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final List<String> lines = new ArrayList<>();
    private final AbstractAppender appender;
    private final Map<String, Level> levelsBefore = new HashMap<>();
    private final Level rootLevelBefore;

    public CapturedLog() {
        this(false);
    }

    /** As an operator who turns the root logger up to DEBUG would have it. */
    public static CapturedLog withRootAtDebug() {
        return new CapturedLog(true);
    }

    private CapturedLog(boolean rootAtDebug) {
        appender = new AbstractAppender("captured-" + NAMES.incrementAndGet(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder(event.getLevel().name()).append(' ').append(event.getLoggerName()).append(' ')
                        .append(event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append('\n').append(trace);
                }
                synchronized (lines) {
                    lines.add(line.toString());
                }
            }
        };
        appender.start();
        Configuration configuration = context.getConfiguration();
        configuration.getRootLogger().addAppender(appender, Level.ALL, null);
        for (String logger : DEBUGGED) {
            levelsBefore.put(logger, LogManager.getLogger(logger).getLevel());
            Configurator.setLevel(logger, Level.DEBUG);
        }
        rootLevelBefore = configuration.getRootLogger().getLevel();
        if (rootAtDebug) {
            Configurator.setRootLevel(Level.DEBUG);
        }
        context.updateLoggers();
    }

    /** All that was logged so far, one entry per line. */
    public String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    public int lineCount() {
        synchronized (lines) {
            return lines.size();
        }
    }

    @Override
    public void close() {
        levelsBefore.forEach(Configurator::setLevel);
        Configurator.setRootLevel(rootLevelBefore);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
