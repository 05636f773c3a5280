package com.amdahl.connections.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.SocketException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A library's line is written without exception messages, escaped and bounded, in both formats. */
class LibraryLinesTest {
    private static final String PLANTED = "planted-secret-7731@example.com";
    private final LoggerContext context = new LoggerContext();

    private ILoggingEvent event(String logger, String message, Object[] arguments, Throwable error) {
        LoggingEvent event = new LoggingEvent("x", context.getLogger(logger), Level.WARN, message, error, arguments);
        event.setMDCPropertyMap(Map.of());
        return event;
    }

    private String plain(ILoggingEvent event) {
        ConfiguredLayout layout = new ConfiguredLayout();
        layout.setContext(context);
        layout.start();
        return layout.doLayout(event);
    }

    private JsonNode json(ILoggingEvent event) throws Exception {
        JsonLogLayout layout = new JsonLogLayout();
        return new ObjectMapper().readTree(layout.doLayout(LibraryLines.tame(event)));
    }

    /** What pgjdbc throws when the server goes away during a batch, with the detail it may quote. */
    private static BatchUpdateException brokenBatch() {
        SQLException io = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new SocketException("Connection reset"));
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO synced_records (workspace_id,"
                + " payload) VALUES (('acme'), ('{\"email\":\"" + PLANTED + "\"}')) was aborted: An I/O error occurred"
                + " while sending to the backend.  Call getNextException to see other errors in the batch.", "08006",
                0, new long[] {-3}, io);
        batch.setNextException(io);
        return batch;
    }

    @Test
    void hikaris_broken_connection_line_keeps_the_exception_classes_and_sqlstate_and_drops_the_batch() throws Exception {
        ILoggingEvent broken = event("com.zaxxer.hikari.pool.ProxyConnection",
                "{} - Connection {} marked as broken because of SQLSTATE({}), ErrorCode({})",
                new Object[] {"connections-db", "org.postgresql.jdbc.PgConnection@1b2c3d", "08006", 0}, brokenBatch());
        String line = plain(broken);
        assertThat(line).doesNotContain(PLANTED).doesNotContain("INSERT INTO")
                .contains("marked as broken because of SQLSTATE(08006)", "java.sql.BatchUpdateException",
                        "SQLState 08006", "java.net.SocketException", "\tat ");
        JsonNode json = json(broken);
        assertThat(json.toString()).doesNotContain(PLANTED).doesNotContain("INSERT INTO");
        assertThat(json.path("stack_trace").asText()).contains("java.sql.BatchUpdateException: (message withheld)");
    }

    @Test
    void a_library_message_is_escaped_and_cut_at_the_bound() throws Exception {
        String target = "/api/platform/v1/connections/oauth/callback?state=S&code=C" + "&x=y".repeat(2000);
        ILoggingEvent bad = event("org.eclipse.jetty.server.Whatever", "Bad thing: [{}]\r\nWARN forged line",
                new Object[] {target}, null);
        String line = plain(bad);
        assertThat(line.split("\n")).hasSize(1);
        assertThat(line.length()).isLessThan(LibraryLines.MAX_MESSAGE + 100);
        assertThat(line).doesNotContain("\r").contains("… (").contains("more characters)");
        String message = json(bad).path("message").asText();
        assertThat(message).doesNotContain("\n").doesNotContain("\r").startsWith("Bad thing: [/api/platform");
        assertThat(message.length()).isLessThan(LibraryLines.MAX_MESSAGE + 40);

        String forged = plain(event("org.eclipse.jetty.http.HttpParser", "bad\nWARN x - forged", null, null));
        assertThat(forged).contains("bad\\u000aWARN x - forged").endsWith("forged\n");
    }

    @Test
    void our_own_lines_are_written_as_they_are() {
        String message = "run r-1 failed: " + "x".repeat(400);
        String line = plain(event("com.amdahl.connections.Test", message, null, new IllegalStateException("boom")));
        assertThat(line).contains(message, "IllegalStateException: boom");
    }
}
