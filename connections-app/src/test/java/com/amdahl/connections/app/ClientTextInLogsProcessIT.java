package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests whose target Jetty cannot take as an authority ({@code CONNECT} with an origin-form
 * target, a broken IPv6 host) are answered 400 without a token; what the client wrote in them —
 * a query with an OAuth state and code, 8 KiB of it — reaches neither log format, and no line
 * grows past a bound.
 */
class ClientTextInLogsProcessIT {
    /** No line of this scenario is longer: a library's message is cut at 300 characters. */
    private static final int BOUND = 1_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"plain", "json"})
    void a_connect_with_a_callback_target_is_refused_and_its_target_is_not_logged(String format) throws Exception {
        String planted = "state=planted-state-4411&code=planted-code-9902";
        String shortTarget = "/api/platform/v1/connections/oauth/callback?" + planted;
        String longTarget = shortTarget + "&pad=" + "p".repeat(7_000);
        String log;
        try (ServeProcess server = ServeProcess.start(dir, Map.of("CONNECTIONS_LOG_FORMAT", format), "--demo")) {
            int port = URI.create(server.base).getPort();
            for (String request : new String[] {
                    "CONNECT " + shortTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                    "CONNECT " + longTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                    "GET " + shortTarget + " HTTP/1.1\r\nHost: [::1" + planted + "]\r\nConnection: close\r\n\r\n",
                    "GET /healthz HTTP/1.1\r\nHost: [" + planted + "]:80\r\nConnection: close\r\n\r\n"}) {
                RawHttp.Reply reply = RawHttp.exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
                assertThat(reply.status()).as(request.substring(0, 60)).isEqualTo(400);
            }
            server.stop();
            log = server.stderr();
        }
        assertThat(log).doesNotContain("planted-state-4411").doesNotContain("planted-code-9902");
        assertThat(Arrays.stream(log.split("\n")).mapToInt(String::length).max().orElse(0))
                .as("the longest line").isLessThanOrEqualTo(BOUND);
    }
}
