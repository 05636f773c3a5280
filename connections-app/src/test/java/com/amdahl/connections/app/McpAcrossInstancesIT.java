package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.persistence.PostgresTestDatabase;
import com.amdahl.connections.adapter.rest.RestServer;
import com.amdahl.connections.adapter.rest.RestSettings;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Role;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.SubscribeRequest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL: a client subscribed to a connection's status on instance B
 * hears a sync completed through instance A within 1 s (p99 over 100 syncs), carried by the
 * workspace change events (LISTEN/NOTIFY), and at a median under 250 ms. Without them B notices at
 * its next once-a-second check, which the loop's rhythm (each sync completes right after B heard it
 * start, at such a check) puts about 1 s after the completion: p50 and p99 just above 1 s, so the
 * median is what fails clearly.
 */
class McpAcrossInstancesIT {
    private static final int SYNCS = 100;

    @Test
    void a_sync_completed_on_one_instance_is_heard_by_a_subscriber_on_the_other_within_a_second() throws Exception {
        WireMockServer provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        provider.stubFor(get(urlPathEqualTo("/v1/users/me")).willReturn(
                okJson("{\"success\":true,\"data\":{\"company_id\":1,\"company_name\":\"Acme\"}}")));
        var database = PostgresTestDatabase.freshSchema("mcp_across");
        Map<String, String> env = TestServer.postgresEnv(database, "http://127.0.0.1:" + provider.port());
        AppConfig config = AppConfig.fromEnvironment(env, "127.0.0.1", 8080);
        try (ConnectionsRuntime a = ConnectionsRuntime.open(config, SyncSettings.defaults());
                ConnectionsRuntime b = ConnectionsRuntime.open(config, SyncSettings.defaults())) {
            a.app.administration().createWorkspace("acme", "Acme");
            a.app.administration().addMember("acme", "alice", Role.ADMIN);
            Principal admin = a.app.authenticate()
                    .authenticate(a.app.administration().createToken("acme", "alice", false)).orElseThrow();
            String readOnly = a.app.administration().createToken("acme", "alice", true);
            ConnectionId id = a.app.connect().connect(admin, new ConnectCommand("pipedrive", "Acme", null, null, "key",
                    null, null, null, null)).connection().connection().id();
            RestServer server = RestServer.create(b.app, McpWiring.withMcp(RestSettings.defaults(), b.app,
                    List.of("http://127.0.0.1"))).start("127.0.0.1", 0);
            String uri = "connection://" + id.value() + "/status";
            BlockingQueue<Long> heard = new LinkedBlockingQueue<>();
            McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:"
                            + server.port()).endpoint("/mcp")
                    .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + readOnly)).build())
                    .requestTimeout(Duration.ofSeconds(10))
                    .resourcesUpdateConsumer(contents -> heard.add(System.nanoTime())).build();
            try {
                client.initialize();
                client.subscribeResource(new SubscribeRequest(uri));
                WorkspaceId acme = new WorkspaceId("acme");
                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < SYNCS; i++) {
                    SyncRun run = a.app.manage().requestSync(admin, id);
                    a.app.syncRuns().begin(acme, run.id());
                    assertThat(heard.poll(5, TimeUnit.SECONDS)).as("the start of sync %d", i).isNotNull();
                    heard.clear();
                    long finished = System.nanoTime();
                    a.app.syncRuns().finish(acme, run.id(), RunResult.of(List.of(StreamOutcome.succeeded("deals", i))));
                    Long at = heard.poll(5, TimeUnit.SECONDS);
                    assertThat(at).as("the completion of sync %d", i).isNotNull();
                    latencies.add(TimeUnit.NANOSECONDS.toMillis(at - finished));
                    heard.clear();
                }
                Collections.sort(latencies);
                long p50 = latencies.get(SYNCS / 2);
                long p99 = latencies.get(SYNCS * 99 / 100 - 1);
                System.out.printf("completion heard on the other instance: p50 %d ms, p99 %d ms, max %d ms%n", p50, p99,
                        latencies.get(SYNCS - 1));
                assertThat(p99).as("p99 of %d completions, ms", SYNCS).isLessThan(1000);
                // Without the events the p99 alone barely tells: B hears the start at its once-a-second
                // check, the completion follows at once, so B's next check hears it about 1 s later
                // (measured with LISTEN/NOTIFY switched off: p50 1005 ms, p99 1043 ms). The median does.
                assertThat(p50).as("p50 of %d completions, ms (about 1000 without the change events)", SYNCS)
                        .isLessThan(250);
            } finally {
                client.closeGracefully();
                server.stop();
            }
        } finally {
            provider.stop();
        }
    }
}
