package com.amdahl.connections.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLogLayoutTest {
    private final LoggerContext context = new LoggerContext();
    private final JsonLogLayout layout = new JsonLogLayout();

    private JsonNode render(String message, Map<String, String> mdc, Throwable error) throws Exception {
        LoggingEvent event = new LoggingEvent("x", context.getLogger("com.amdahl.Test"), Level.WARN, message, error,
                null);
        event.setMDCPropertyMap(mdc);
        String line = layout.doLayout(event);
        assertThat(line).endsWith("\n").doesNotContain("\n\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
        return new ObjectMapper().readTree(line);
    }

    @Test
    void one_object_per_line_with_the_fields_and_only_the_known_ids() throws Exception {
        JsonNode json = render("quote \" backslash \\ newline \n tab \t control \u0001 done",
                Map.of("request_id", "r-1", "workspace_id", "acme", "connection_id", "c-1", "run_id", "run-1",
                        "authorization", "Bearer cnx_secret"), null);
        assertThat(json.path("level").asText()).isEqualTo("WARN");
        assertThat(json.path("logger").asText()).isEqualTo("com.amdahl.Test");
        assertThat(json.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(json.path("message").asText()).isEqualTo("quote \" backslash \\ newline \n tab \t control \u0001 done");
        assertThat(json.path("request_id").asText()).isEqualTo("r-1");
        assertThat(json.path("workspace_id").asText()).isEqualTo("acme");
        assertThat(json.path("connection_id").asText()).isEqualTo("c-1");
        assertThat(json.path("run_id").asText()).isEqualTo("run-1");
        assertThat(json.has("authorization")).as("unknown MDC keys are never copied").isFalse();
        assertThat(json.toString()).doesNotContain("cnx_secret");
    }

    @Test
    void ids_that_are_not_known_are_left_out_and_a_stack_trace_stays_on_the_line() throws Exception {
        JsonNode json = render("failed", Map.of(), new IllegalStateException("boom"));
        assertThat(json.has("request_id")).isFalse();
        assertThat(json.path("stack_trace").asText()).contains("IllegalStateException: boom", "\tat ");
    }
}
