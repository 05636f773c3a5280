package com.amdahl.connections.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.util.McpUriTemplateManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionUrisTest {

    @Test
    void templates_match_the_path_and_let_a_query_follow() {
        McpUriTemplateManager runs = ConnectionUris.templates().create("connection://{id}/runs");
        assertThat(runs.matches("connection://abc/runs")).isTrue();
        assertThat(runs.matches("connection://abc/runs?limit=5")).isTrue();
        assertThat(runs.matches("connection://abc/status")).isFalse();
        assertThat(runs.matches("connection://a/b/runs")).isFalse();
        assertThat(runs.extractVariableValues("connection://abc/runs?limit=5")).isEqualTo(Map.of("id", "abc"));
        McpUriTemplateManager catalog = ConnectionUris.templates().create("connection://catalog");
        assertThat(catalog.matches("connection://catalog?category=crm")).isTrue();
        assertThat(catalog.isUriTemplate("connection://catalog")).isFalse();
    }

    @Test
    void a_read_uri_splits_into_decoded_segments_and_query_parameters() {
        ConnectionUris.Parsed parsed = ConnectionUris.parse("connection://a%20b/runs?limit=5&limit=7&x");
        assertThat(parsed.segments()).isEqualTo(List.of("a b", "runs"));
        assertThat(parsed.param("limit")).isEqualTo("5");
        assertThat(parsed.param("x")).isEmpty();
        assertThat(ConnectionUris.parse("https://list").segments()).isEmpty();
    }
}
