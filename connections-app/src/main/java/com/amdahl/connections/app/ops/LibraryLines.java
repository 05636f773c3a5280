package com.amdahl.connections.app.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * What a library's log line may carry. Libraries log what they were handed: pgjdbc's exception
 * messages quote a failed statement with its bound values (customer records, when a batch insert
 * breaks during a database outage and HikariCP logs the connection as broken), Jetty's warnings
 * quote request targets and headers a client chose. So a line from a logger outside
 * {@code com.amdahl.} keeps its level, logger, time and its own message — escaped (no control
 * character can start a forged line) and cut at {@value #MAX_MESSAGE} characters — and an
 * exception keeps its class names and stack frames but never its messages; an {@link SQLException}
 * keeps its SQLState, which says what happened without quoting data. Our own loggers are left as
 * they are: they log ids and class names, never values.
 */
final class LibraryLines {
    static final int MAX_MESSAGE = 300;
    private static final String OURS = "com.amdahl.";

    private LibraryLines() {
    }

    /** The event as it may be written: unchanged for our loggers, tamed for a library's. */
    static ILoggingEvent tame(ILoggingEvent event) {
        String logger = event.getLoggerName();
        if (logger != null && logger.startsWith(OURS)) {
            return event;
        }
        return new Tamed(event);
    }

    /** The message with every control character escaped, at most {@value #MAX_MESSAGE} characters of it. */
    static String bounded(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_MESSAGE) + 32);
        int kept = 0;
        for (; kept < message.length() && out.length() < MAX_MESSAGE; kept++) {
            char c = message.charAt(kept);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (kept < message.length()) {
            out.append("… (").append(message.length() - kept).append(" more characters)");
        }
        return out.toString();
    }

    /** A library's event: its own message bounded, exceptions without messages. */
    private static final class Tamed implements ILoggingEvent {
        private final ILoggingEvent event;
        private final String message;
        private final IThrowableProxy throwable;

        Tamed(ILoggingEvent event) {
            this.event = event;
            this.message = bounded(event.getFormattedMessage());
            this.throwable = event.getThrowableProxy() == null ? null : new Withheld(event.getThrowableProxy());
        }

        @Override
        public String getThreadName() {
            return event.getThreadName();
        }

        @Override
        public Level getLevel() {
            return event.getLevel();
        }

        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public Object[] getArgumentArray() {
            return null; // the message is already formatted and bounded
        }

        @Override
        public String getFormattedMessage() {
            return message;
        }

        @Override
        public String getLoggerName() {
            return event.getLoggerName();
        }

        @Override
        public LoggerContextVO getLoggerContextVO() {
            return event.getLoggerContextVO();
        }

        @Override
        public IThrowableProxy getThrowableProxy() {
            return throwable;
        }

        @Override
        public StackTraceElement[] getCallerData() {
            return event.getCallerData();
        }

        @Override
        public boolean hasCallerData() {
            return event.hasCallerData();
        }

        @Override
        public List<Marker> getMarkerList() {
            return event.getMarkerList();
        }

        @Override
        public Map<String, String> getMDCPropertyMap() {
            return event.getMDCPropertyMap();
        }

        @Override
        @SuppressWarnings("deprecation")
        public Map<String, String> getMdc() {
            return event.getMDCPropertyMap();
        }

        @Override
        public long getTimeStamp() {
            return event.getTimeStamp();
        }

        @Override
        public int getNanoseconds() {
            return event.getNanoseconds();
        }

        @Override
        public java.time.Instant getInstant() {
            return event.getInstant();
        }

        @Override
        public long getSequenceNumber() {
            return event.getSequenceNumber();
        }

        @Override
        public List<KeyValuePair> getKeyValuePairs() {
            return null; // a library's key-value pairs are values too
        }

        @Override
        public void prepareForDeferredProcessing() {
            event.prepareForDeferredProcessing();
        }
    }

    /** An exception's class, frames, causes and suppressed ones, with every message withheld. */
    private static final class Withheld implements IThrowableProxy {
        private final IThrowableProxy proxy;

        Withheld(IThrowableProxy proxy) {
            this.proxy = proxy;
        }

        @Override
        public String getMessage() {
            if (proxy instanceof ThrowableProxy real && real.getThrowable() instanceof SQLException sql
                    && sql.getSQLState() != null) {
                return "(message withheld) SQLState " + bounded(sql.getSQLState());
            }
            return "(message withheld)";
        }

        @Override
        public String getClassName() {
            return proxy.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return proxy.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return proxy.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return proxy.getCause() == null ? null : new Withheld(proxy.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = proxy.getSuppressed();
            if (suppressed == null) {
                return null;
            }
            IThrowableProxy[] withheld = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                withheld[i] = new Withheld(suppressed[i]);
            }
            return withheld;
        }

        @Override
        public boolean isCyclic() {
            return proxy.isCyclic();
        }
    }
}
