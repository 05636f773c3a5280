package com.amdahl.connections.adapter.providers.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.port.out.NotificationSender;
import com.amdahl.connections.application.port.out.NotificationSender.Response;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotificationHttpIT {
    private static WireMockServer wm;
    private final NotificationSender sender = NotificationHttp.sender(Duration.ofSeconds(5)); // roomy: a cold first request on a loaded machine took over 1.5 s

    @BeforeAll
    static void start() {
        wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
    }

    private Response send(String path) {
        return sender.post(URI.create("http://127.0.0.1:" + wm.port() + path),
                Map.of("Content-Type", "application/json", "X-Connections-Delivery", "evt-1"),
                "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void posts_the_body_with_the_headers_and_answers_the_status() {
        wm.stubFor(post(urlEqualTo("/in")).willReturn(aResponse().withStatus(204)));
        Response response = send("/in");
        assertThat(response.succeeded()).isTrue();
        assertThat(response.statusCode()).isEqualTo(204);
        wm.verify(postRequestedFor(urlEqualTo("/in")).withHeader("X-Connections-Delivery", equalTo("evt-1"))
                .withRequestBody(equalTo("{\"type\":\"ping\"}")));
    }

    @Test
    void a_redirect_is_not_followed() {
        wm.stubFor(post(urlEqualTo("/moved")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + wm.port() + "/elsewhere")));
        Response response = send("/moved");
        assertThat(response.succeeded()).isFalse();
        assertThat(response.statusCode()).isEqualTo(302);
        wm.verify(0, postRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void an_error_answer_keeps_its_status_and_never_its_body() {
        wm.stubFor(post(urlEqualTo("/in")).willReturn(aResponse().withStatus(500).withBody("stack trace with secrets")));
        Response response = send("/in");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.error()).isNull();
    }

    @Test
    void a_slow_receiver_times_out_and_a_closed_port_is_refused_without_naming_the_url() throws Exception {
        wm.stubFor(post(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(8000)));
        Response slow = send("/slow");
        assertThat(slow.statusCode()).isNull();
        assertThat(slow.error()).contains("5 s");
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Response refused = sender.post(URI.create("http://127.0.0.1:" + closed + "/secret-path"), Map.of(), new byte[0]);
        assertThat(refused.error()).isEqualTo("connection refused").doesNotContain("secret-path");
    }

    @Test
    void names_resolve_to_their_addresses() {
        assertThat(sender.resolve("localhost")).isNotEmpty().allMatch(a -> a.isLoopbackAddress());
        assertThat(sender.resolve("no-such-host.invalid")).isEmpty();
    }
}
