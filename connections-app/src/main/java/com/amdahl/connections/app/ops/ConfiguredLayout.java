package com.amdahl.connections.app.ops;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;

/**
 * The log format chosen by {@code CONNECTIONS_LOG_FORMAT}: {@code json} gives {@link JsonLogLayout},
 * anything else (the default, {@code plain}) a pattern layout: time, level, logger, message. In both,
 * a library's line is written as {@link LibraryLines} allows: bounded, escaped, no exception message.
 */
public final class ConfiguredLayout extends LayoutBase<ILoggingEvent> {
    public static final String VARIABLE = "CONNECTIONS_LOG_FORMAT";

    private String pattern = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
    private Layout<ILoggingEvent> chosen;

    /** The plain format's pattern, for an operator's own logback configuration that uses this layout. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        if ("json".equalsIgnoreCase(String.valueOf(System.getenv(VARIABLE)).strip())) {
            chosen = new JsonLogLayout();
        } else {
            PatternLayout plain = new PatternLayout();
            plain.setPattern(pattern);
            chosen = plain;
        }
        chosen.setContext(getContext());
        chosen.start();
        super.start();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return chosen.doLayout(LibraryLines.tame(event));
    }
}
