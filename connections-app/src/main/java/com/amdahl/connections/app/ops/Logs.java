package com.amdahl.connections.app.ops;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** The end of the process's logging: lines still queued by the asynchronous appender are written out. */
public final class Logs {
    private Logs() {
    }

    /**
     * Stops logback, which drains the asynchronous appender's queue (up to its {@code maxFlushTime})
     * onto stderr. Call last: lines logged afterwards are dropped.
     */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
