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
    void the_records_template_takes_an_id_and_a_stream_and_lets_cursor_and_limit_follow() {
        McpUriTemplateManager records = ConnectionUris.templates().create(ConnectionResources.RECORDS_TEMPLATE);
        assertThat(records.getVariableNames()).containsExactly("id", "stream");
        assertThat(records.matches("connection://abc/records/persons")).isTrue();
        assertThat(records.matches("connection://abc/records/persons?cursor=AQ%2Bx&limit=5")).isTrue();
        assertThat(records.extractVariableValues("connection://abc/records/persons?limit=5"))
                .isEqualTo(Map.of("id", "abc", "stream", "persons"));
        assertThat(records.matches("connection://abc/records")).isFalse();
        assertThat(records.matches("connection://abc/records/")).isFalse();
        assertThat(records.matches("connection://abc/records/a/b")).isFalse();
        assertThat(records.matches("connection://abc/runs")).isFalse();

        ConnectionUris.Parsed parsed = ConnectionUris.parse("connection://abc/records/mail%2Fsent?cursor=AQ%2Bx%3D&limit=5");
        assertThat(parsed.segments()).isEqualTo(List.of("abc", "records", "mail/sent"));
        assertThat(parsed.param("cursor")).isEqualTo("AQ+x=");
        assertThat(parsed.param("limit")).isEqualTo("5");
        assertThat(ConnectionUris.parse("connection://abc/records/persons?cursor=AQ+x").param("cursor"))
                .as("a raw + in a cursor stays a +").isEqualTo("AQ+x");
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
