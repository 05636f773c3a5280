package com.amdahl.connections.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.amdahl.connections.adapter.rest.RestHarness.Answer;
import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.port.out.ConnectionRepository;
import com.amdahl.connections.application.port.out.ConnectionSnapshot;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Role;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The request log, internal errors and the hook for mounting more on the server. */
class ServerBehaviourIT {
    private static final String API = "/api/platform/v1";

    @Test
    void each_request_is_logged_once_with_its_template_status_and_request_id_and_nothing_secret() {
        Logger logger = (Logger) LoggerFactory.getLogger("com.amdahl.connections.rest.requests");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (RestHarness http = new RestHarness()) {
            String admin = http.token("acme", "alice", Role.ADMIN);
            Answer answer = http.get(API + "/connections/secret-id-123/runs?limit=5", admin);
            assertThat(answer.status()).isEqualTo(404);
            String requestId = answer.header(RestServer.REQUEST_ID_HEADER);
            List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).isEqualTo("GET /api/platform/v1/connections/{id}/runs 404 "
                    + lines.get(0).split(" ")[3] + " request_id=" + requestId);
            assertThat(lines.get(0)).doesNotContain("secret-id-123", "limit", admin, "Bearer");
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void probes_are_left_out_of_the_request_log_unless_asked_for() {
        assertThat(requestLines(RestSettings.defaults()))
                .containsExactly("GET /api/platform/v1/connections 200", "GET <unmatched> 404");
        assertThat(requestLines(RestSettings.defaults().withProbesLogged(true))).containsExactly("GET /healthz 200",
                "GET /readyz 200", "GET /api/platform/v1/connections 200", "GET <unmatched> 404");
    }

    /** The request log's lines (method, template, status) for /healthz, /readyz, an API read and an unknown path. */
    private static List<String> requestLines(RestSettings settings) {
        Logger logger = (Logger) LoggerFactory.getLogger("com.amdahl.connections.rest.requests");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        InMemoryPorts ports = new InMemoryPorts();
        try (RestHarness http = new RestHarness(ports, ports.app, settings)) {
            String admin = http.token("acme", "alice", Role.ADMIN);
            assertThat(http.get("/healthz", null).status()).isEqualTo(200);
            assertThat(http.get("/readyz", null).status()).isEqualTo(200);
            assertThat(http.get(API + "/connections", admin).status()).isEqualTo(200);
            assertThat(http.get("/nowhere", admin).status()).isEqualTo(404);
            return appender.list.stream().map(e -> e.getFormattedMessage().replaceAll(" \\d+ms request_id=.*", ""))
                    .toList();
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void an_unexpected_failure_is_500_internal_error_with_the_request_id_and_no_stack_trace() {
        InMemoryPorts ports = new InMemoryPorts();
        ConnectionRepository real = ports.storage.connectionRepository;
        ConnectionRepository broken = new ConnectionRepository() {
            @Override
            public void insert(Connection connection) {
                real.insert(connection);
            }

            @Override
            public Connection update(Connection connection) {
                return real.update(connection);
            }

            @Override
            public Optional<Connection> find(WorkspaceId workspaceId, ConnectionId id) {
                return real.find(workspaceId, id);
            }

            @Override
            public Optional<ConnectionSnapshot> findSnapshot(WorkspaceId workspaceId, ConnectionId id) {
                return real.findSnapshot(workspaceId, id);
            }

            @Override
            public List<ConnectionSnapshot> listSnapshots(WorkspaceId workspaceId) {
                throw new IllegalStateException("boom: jdbc:h2:secret-password");
            }

            @Override
            public Optional<ConnectionId> findBySocialAccount(WorkspaceId workspaceId, String connectorType,
                    String externalAccountId) {
                return real.findBySocialAccount(workspaceId, connectorType, externalAccountId);
            }
        };
        ConnectionsApplication app = ports.builder().connections(broken).build();
        try (RestHarness http = new RestHarness(ports, app)) {
            String admin = http.token("acme", "alice", Role.ADMIN);
            Answer answer = http.get(API + "/connections", admin);
            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.errorCode()).isEqualTo("internal_error");
            String requestId = answer.header(RestServer.REQUEST_ID_HEADER);
            assertThat(answer.json().path("error").path("details").path("request_id").asText()).isEqualTo(requestId);
            assertThat(answer.body()).doesNotContain("boom", "secret", "Exception", "at com.");
        }
    }

    @Test
    void extra_configuration_can_mount_more_routes_on_the_same_server() {
        InMemoryPorts ports = new InMemoryPorts();
        RestServer server = RestServer.create(ports.app, RestSettings.defaults().withExtraConfig(config ->
                config.routes.get("/mcp", ctx -> ctx.result("mcp here")))).start("127.0.0.1", 0);
        try {
            var client = java.net.http.HttpClient.newHttpClient();
            var response = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + "/mcp")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("mcp here");
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            server.stop();
        }
    }
}
