package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar as an operator runs it: serve --demo, then SIGTERM. */
class ServeProcessIT {
    @TempDir
    Path dir;

    @Test
    void serve_demo_answers_then_shuts_down_gracefully_on_sigterm() throws Exception {
        try (ServeProcess server = ServeProcess.start(dir, Map.of(), "--demo")) {
            System.err.printf("serve --demo was listening %d ms after the process started%n", server.startedMillis);
            String token = server.demoToken(); // the demo is seeded right after the server starts
            TestServer.Answer list = server.call("GET", "/api/platform/v1/connections", token, null);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body()).contains("(demo)", "\"health\":\"rate_limited\"", "\"health\":\"needs_reauth\"",
                    "\"health\":\"degraded\"");

            server.stop(); // SIGTERM
            assertThat(server.stderr()).contains("shutting down");
        }
    }
}
