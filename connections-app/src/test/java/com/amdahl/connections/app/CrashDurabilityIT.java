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

    /**
     * Issue 20: with H2's auto-server in the default URL, acknowledged connects vanished after a few
     * kill -9 / restart cycles on one file. Twenty cycles of connect + rename, each killed right
     * after its last answer, lose nothing.
     */
    @Test
    void twenty_kill_9_and_restart_cycles_on_one_file_lose_no_acknowledged_write() throws Exception {
        WireMockServer provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        try {
            EngineProcessIT.stubPipedrive(provider);
            Map<String, String> env = new java.util.HashMap<>(Map.of("CONNECTIONS_SCHEDULER", "off",
                    "CONNECTIONS_PIPEDRIVE_API_BASE_URL", "http://127.0.0.1:" + provider.port()));
            if (System.getenv("CRASH_URL") != null) {
                env.put("CONNECTIONS_DB_URL", System.getenv("CRASH_URL"));
            }
            String token = null;
            String renamed = null;
            List<String> acknowledged = new ArrayList<>();
            for (int cycle = 1; cycle <= 20; cycle++) {
                try (ServeProcess serve = cycle == 1 ? ServeProcess.start(dir, env, "--demo") : ServeProcess.start(dir, env)) {
                    if (token == null) {
                        token = serve.demoToken();
                        renamed = EngineProcessIT.connectPipedrive(serve, token, "Renamed 0");
                    }
                    List<Integer> missing = new ArrayList<>();
                    for (int i = 0; i < acknowledged.size(); i++) {
                        if (serve.call("GET", V1 + "/connections/" + acknowledged.get(i), token, null).status() != 200) {
                            missing.add(i + 1);
                        }
                    }
                    TestServer.Answer before = serve.call("GET", V1 + "/connections/" + renamed, token, null);
                    assertThat(missing).as("cycle %d: connections acknowledged in these earlier cycles are gone (the"
                            + " renamed one reads %s)", cycle, before.body()).isEmpty();
                    assertThat(before.json().get("name").asText()).as("cycle %d: the last acknowledged rename", cycle)
                            .isEqualTo("Renamed " + (cycle - 1));
                    acknowledged.add(EngineProcessIT.connectPipedrive(serve, token, "Cycle " + cycle));
                    TestServer.Answer rename = serve.call("PATCH", V1 + "/connections/" + renamed, token,
                            "{\"name\":\"Renamed " + cycle + "\"}");
                    assertThat(rename.status()).isEqualTo(200);
                    serve.kill9(); // at once after the last acknowledgement
                }
            }
            try (ServeProcess last = ServeProcess.start(dir, env)) {
                TestServer.Answer list = last.call("GET", V1 + "/connections", token, null);
                List<String> ids = new ArrayList<>();
                list.json().get("connections").forEach(c -> ids.add(c.get("id").asText()));
                assertThat(ids).containsAll(acknowledged);
                assertThat(last.call("GET", V1 + "/connections/" + renamed, token, null).json().get("name").asText())
                        .isEqualTo("Renamed 20");
                last.stop();
            }
        } finally {
            provider.stop();
        }
    }
}
