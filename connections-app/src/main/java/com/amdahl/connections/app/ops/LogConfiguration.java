package com.amdahl.connections.app.ops;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The application's logging, configured in code (found by logback as a service) rather than by
 * parsing a {@code logback.xml} at every start: the XML route costs a start about a tenth of a
 * second. Logs go to stderr, so stdout carries only command results (tokens) and MCP stdio, in the
 * format {@code CONNECTIONS_LOG_FORMAT} chooses ({@link ConfiguredLayout}). An operator's own
 * {@code -Dlogback.configurationFile} still wins.
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {
    /** Library loggers quieter than INFO. */
    private static final Map<String, Level> LEVELS = Map.of(
            "org.eclipse.jetty", Level.WARN,
            // Jetty's HostPort warns with the authority it could not parse ("Bad Authority", "Bad IPv6
            // host"): text the client chose (a CONNECT target with its query, up to 8 KiB) about a request
            // Jetty already answers 400. Nothing an operator can act on, so only its errors are written.
            "org.eclipse.jetty.util.HostPort", Level.ERROR,
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN,
            "io.javalin", Level.WARN,
            // The MCP SDK's log lines quote what clients send (a body that failed to parse, initialize
            // fields, the protocol version asked for). /mcp refuses malformed bodies before the SDK
            // sees them, and failures escaping the SDK are logged by the gate without messages.
            "io.modelcontextprotocol", Level.OFF);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConfiguredLayout layout = new ConfiguredLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        // Request threads hand their lines to one writer thread instead of writing stderr themselves:
        // under load the synchronous write was what every request waited on. Nothing is dropped
        // (discarding threshold 0; a full queue makes the caller wait rather than lose a line), and
        // Logs.flush() writes what is still queued before the process exits.
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("ASYNC");
        async.setQueueSize(8192);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(false);
        async.setIncludeCallerData(false);
        async.setMaxFlushTime(5000);
        async.addAppender(stderr);
        async.start();
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(async);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
