package com.amdahl.connections.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.workspace.Role;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Signed deliveries at a webhook connection's URL, over HTTP. */
class WebhookIT {
    private static final String API = "/api/platform/v1";

    private static String sign(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static RestHarness.Answer deliver(RestHarness http, String url, String timestamp, String signature,
            String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("X-Connections-Timestamp", timestamp).header("X-Connections-Signature", signature);
        return http.send(request);
    }

    @Test
    void a_signed_delivery_is_accepted_and_a_forged_one_refused() throws Exception {
        InMemoryPorts ports = new InMemoryPorts();
        try (RestHarness http = new RestHarness(ports)) {
            String admin = http.token("acme", "alice", Role.ADMIN);
            var connected = http.post(API + "/connections", admin, "{\"connector_type\":\"test_webhook\"}").json();
            assertThat(connected.get("mode").asText()).isEqualTo("webhook");
            String secret = connected.get("signing_secret").asText();
            String path = connected.get("webhook_url").asText().replace(InMemoryPorts.PUBLIC_URL, "");
            assertThat(path).startsWith(API + "/webhooks/acme/");
            String now = Long.toString(ports.clock.instant().getEpochSecond());
            String body = "{\"event\":\"created\"}";

            RestHarness.Answer accepted = deliver(http, http.url(path), now, sign(secret, now, body), body);
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.json().get("accepted").asBoolean()).isTrue();

            RestHarness.Answer forged = deliver(http, http.url(path), now, sign("whsec_guess", now, body), body);
            assertThat(forged.status()).isEqualTo(401);
            assertThat(forged.errorCode()).isEqualTo("invalid_signature");
            assertThat(forged.body()).doesNotContain(secret);

            RestHarness.Answer foreign = deliver(http, http.url(path.replace("/acme/", "/globex/")), now,
                    sign(secret, now, body), body);
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(foreign.body()).isEqualTo("{\"error\":{\"code\":\"connection_not_found\",\"message\":\"Connection not found\"}}");

            var status = http.get(API + "/connections/" + connected.at("/connection/id").asText() + "/status", admin).json();
            assertThat(status.get("last_synced_at").isNull()).isFalse();
        }
    }
}
