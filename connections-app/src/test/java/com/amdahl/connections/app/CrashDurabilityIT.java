package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged write survives {@code kill -9} of {@code serve} on the default H2 database:
 * connect and renames are killed right after their answers, and after a restart every one of
 * them is there.
 */
class CrashDurabilityIT {
    private static final String V1 = EngineProcessIT.V1;

    @TempDir
    Path dir;

    @Test
    void every_acknowledged_write_is_there_after_a_kill_9_and_a_restart() throws Exception {
        WireMockServer provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        try {
            EngineProcessIT.stubPipedrive(provider);
            Map<String, String> env = Map.of("CONNECTIONS_SCHEDULER", "off",
                    "CONNECTIONS_PIPEDRIVE_API_BASE_URL", "http://127.0.0.1:" + provider.port());
            String token;
            String renamed;
            String lastName = null;
            String connectedLast;
            try (ServeProcess serve = ServeProcess.start(dir, env, "--demo")) {
                token = serve.demoToken();
                renamed = EngineProcessIT.connectPipedrive(serve, token, "Acme CRM");
                for (int i = 1; i <= 60; i++) {
                    TestServer.Answer answer = serve.call("PATCH", V1 + "/connections/" + renamed, token,
                            "{\"name\":\"Acme CRM " + i + "\"}");
                    assertThat(answer.status()).isEqualTo(200);
                    lastName = "Acme CRM " + i;
                }
                connectedLast = EngineProcessIT.connectPipedrive(serve, token, "Connected last");
                serve.kill9(); // at once after the last acknowledgement
            }
            try (ServeProcess restarted = ServeProcess.start(dir, env)) {
                TestServer.Answer first = restarted.call("GET", V1 + "/connections/" + renamed, token, null);
                assertThat(first.status()).isEqualTo(200);
                assertThat(first.json().get("name").asText()).isEqualTo(lastName);
                TestServer.Answer last = restarted.call("GET", V1 + "/connections/" + connectedLast, token, null);
                assertThat(last.status()).as("the connect acknowledged just before the kill").isEqualTo(200);
                List<String> names = new ArrayList<>();
                restarted.call("GET", V1 + "/connections/" + renamed + "/events?limit=100", token, null).json()
                        .get("events").forEach(e -> names.add(e.get("type").asText()));
                assertThat(names).filteredOn("updated"::equals).hasSize(60);
                restarted.stop();
            }
        } finally {
            provider.stop();
        }
    }
}
