package com.amdahl.connections.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.out.RecordFeed;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Role;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import io.modelcontextprotocol.spec.McpError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code connection://{id}/records/{stream}} in the adapter alone: the page is the use case's
 * document, and every refusal lands on the MCP error the other resources use.
 */
class ConnectionResourcesRecordsTest {
    private final List<RecordFeed.StoredRecord> kept = new ArrayList<>();
    private final List<RecordFeed.StreamSummary> summaries = new ArrayList<>();
    private final RecordFeed feed = new RecordFeed() {
        @Override
        public List<StoredRecord> changesAfter(WorkspaceId workspaceId, ConnectionId connectionId, String stream,
                Position after, int limit) {
            return kept.stream().filter(r -> stream == null || r.stream().equals(stream))
                    .filter(r -> r.position().seq() > after.seq()).limit(limit).toList();
        }

        @Override
        public long lastPosition(WorkspaceId workspaceId, ConnectionId connectionId) {
            return kept.stream().mapToLong(r -> r.position().seq()).max().orElse(0);
        }

        @Override
        public List<StreamChanges> changesSince(WorkspaceId workspaceId, ConnectionId connectionId, long afterSeq) {
            return List.of();
        }

        @Override
        public List<StreamSummary> streams(WorkspaceId workspaceId, ConnectionId connectionId) {
            return List.copyOf(summaries);
        }
    };
    private final InMemoryPorts ports = new InMemoryPorts();
    private final ConnectionsApplication app = ports.builder().recordFeed(feed).build();
    private final Principal alice = withRecords(ports.admin("acme", "alice"));
    private final Principal bob = withRecords(ports.member("acme", "bob", Role.MEMBER));
    private final Principal mallory = withRecords(ports.admin("globex", "mallory"));
    private final ConnectionResources resources = new ConnectionResources(app, context -> alice);
    private final String pipedrive = connect(alice, "pipedrive");
    private final String bobsMailbox = connect(bob, "gmail");

    private static Principal withRecords(Principal principal) {
        return Principal.member(principal.workspaceId(), principal.userId(), principal.role(),
                Set.of(TokenScope.CONNECTIONS_READ, TokenScope.CONNECTIONS_WRITE, TokenScope.RECORDS_READ));
    }

    private String connect(Principal principal, String type) {
        return app.connect().connect(principal, new ConnectCommand(type, null, null, null, "key-123", null, null, null,
                null)).connection().connection().id().value();
    }

    private void keep(String stream, String id, long seq) {
        Instant at = Instant.parse("2026-11-26T12:00:00Z").plusSeconds(seq);
        kept.add(new RecordFeed.StoredRecord(stream, id, null, "added", at, at, null, "{\"id\":" + id + "}",
                new RecordFeed.Position(seq, stream, id), null));
    }

    private McpError refused(Principal principal, String uri) {
        return catchThrowableOfType(McpError.class, () -> resources.read(principal, uri));
    }

    @Test
    void a_stream_page_is_the_use_case_document_for_the_same_caller() {
        keep("persons", "1", 1);
        keep("deals", "10", 2);
        keep("persons", "2", 3);
        for (Principal reader : List.of(alice, bob)) {
            assertThat(resources.read(reader, "connection://" + pipedrive + "/records/persons?limit=1"))
                    .isEqualTo(app.records().page(reader, pipedrive, "persons", null, "1").text());
        }
        String page = resources.read(alice, "connection://" + pipedrive + "/records/persons");
        assertThat(page).isEqualTo(app.records().page(alice, pipedrive, "persons", null, null).text())
                .contains("\"id\":\"1\"", "\"id\":\"2\"").doesNotContain("\"id\":\"10\"");
        String cursor = app.records().page(alice, pipedrive, "persons", null, "1").text()
                .replaceAll(".*\"next_cursor\":\"([^\"]+)\".*", "$1");
        String encoded = java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(resources.read(alice, "connection://" + pipedrive + "/records/persons?cursor=" + encoded))
                .isEqualTo(app.records().page(alice, pipedrive, "persons", cursor, null).text())
                .contains("\"id\":\"2\"").doesNotContain("\"id\":\"1\"");
        assertThat(resources.read(bob, "connection://" + bobsMailbox + "/records/messages"))
                .as("a personal connection's records: its owner's").startsWith("{\"records\":[");
    }

    @Test
    void unknown_invisible_foreign_and_forbidden_ids_are_one_resource_not_found() {
        List<String> uris = List.of(
                "connection://" + UUID.randomUUID() + "/records/persons",
                "connection://not-an-id/records/persons",
                "connection://" + bobsMailbox + "/records/messages"); // alice, an admin, sees it but may not read it
        for (String uri : uris) {
            McpError error = refused(alice, uri);
            assertThat(error).as(uri).isNotNull();
            assertThat(error.getJsonRpcError().code()).as(uri).isEqualTo(-32002);
            assertThat(error.getJsonRpcError().data()).isEqualTo(Map.of("uri", uri));
        }
        String foreign = "connection://" + pipedrive + "/records/persons";
        assertThat(refused(mallory, foreign).getJsonRpcError().code()).isEqualTo(-32002);
    }

    @Test
    void a_token_without_records_read_gets_the_insufficient_scope_refusal_whatever_the_id() {
        Principal readOnly = InMemoryPorts.readOnly(alice);
        for (String id : List.of(pipedrive, UUID.randomUUID().toString())) {
            McpError error = refused(readOnly, "connection://" + id + "/records/persons");
            assertThat(error.getJsonRpcError().code()).isEqualTo(ConnectionResources.FORBIDDEN);
            assertThat(error.getJsonRpcError().data()).isEqualTo(Map.of("code", "insufficient_scope"));
            assertThat(error.getJsonRpcError().message()).contains("records:read");
        }
    }

    @Test
    void a_bad_cursor_or_limit_is_invalid_params_like_a_bad_runs_limit() {
        for (String query : List.of("?cursor=abc", "?limit=0", "?limit=abc")) {
            String uri = "connection://" + pipedrive + "/records/persons" + query;
            McpError error = refused(alice, uri);
            assertThat(error.getJsonRpcError().code()).as(query).isEqualTo(-32602);
            assertThat(error.getJsonRpcError().data()).isEqualTo(Map.of("code", "validation_failed", "uri", uri));
        }
        McpError runs = refused(alice, "connection://" + pipedrive + "/runs?limit=0");
        assertThat(runs.getJsonRpcError().code()).isEqualTo(-32602);
    }

    @Test
    void a_deployment_without_a_record_feed_says_so_instead_of_internal_error() {
        ConnectionsApplication noFeed = ports.builder().build();
        ConnectionResources without = new ConnectionResources(noFeed, context -> alice);
        McpError error = catchThrowableOfType(McpError.class,
                () -> without.read(alice, "connection://" + pipedrive + "/records/persons"));
        assertThat(error.getJsonRpcError().code()).isEqualTo(-32603);
        assertThat(error.getJsonRpcError().data()).isEqualTo(Map.of("code", "conflict"));
        assertThat(error.getJsonRpcError().message()).contains("keeps no records");
    }

    @Test
    void a_subscription_watches_the_streams_summary_as_the_caller() {
        String uri = "connection://" + pipedrive + "/records/persons?limit=1";
        assertThat(resources.watched(alice, uri)).as("no such stream yet").isEmpty();
        summaries.add(new RecordFeed.StreamSummary("deals", 2, 0, Instant.parse("2026-11-26T12:00:00Z")));
        assertThat(resources.watched(alice, uri)).as("another stream changed").isEmpty();
        summaries.add(new RecordFeed.StreamSummary("persons", 3, 0, Instant.parse("2026-11-26T12:00:00Z")));
        String first = resources.watched(alice, uri);
        assertThat(first).contains("persons");
        summaries.set(1, new RecordFeed.StreamSummary("persons", 3, 0, Instant.parse("2026-11-26T12:05:00Z")));
        assertThat(resources.watched(alice, uri)).as("a record updated").isNotEqualTo(first);

        assertThat(resources.watched(InMemoryPorts.readOnly(alice), uri)).isNull();
        assertThat(resources.watched(mallory, uri)).isNull();
        assertThat(resources.watched(alice, "connection://" + bobsMailbox + "/records/messages")).isNull();
        assertThat(resources.watched(alice, "connection://" + pipedrive + "/status"))
                .isEqualTo(resources.read(alice, "connection://" + pipedrive + "/status"));
    }
}
