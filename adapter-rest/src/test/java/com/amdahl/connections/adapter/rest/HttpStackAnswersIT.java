package com.amdahl.connections.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.amdahl.connections.domain.workspace.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What Jetty answers by itself, and request bodies that break off, in the API's error envelope. */
class HttpStackAnswersIT {
    private static final String API = "/api/platform/v1";
    private final RestHarness http = new RestHarness();

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void bad_path_encodings_oversized_uris_and_headers_get_the_envelope_with_a_stable_code() throws IOException {
        assertEnvelope(send("GET /api/platform/v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, "bad_request");
        assertEnvelope(send("GET /api/platform/v1/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, "bad_request");
        assertEnvelope(send("GET /healthz?" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                414, "uri_too_long");
        assertEnvelope(send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: " + "a".repeat(9000)
                + "\r\n\r\n"), 431, "headers_too_large");
        assertEnvelope(send("GET /healthz HTTP/2.0\r\nHost: x\r\nConnection: close\r\n\r\n"), 426,
                "http_version_not_supported");
    }

    @Test
    void a_method_a_path_does_not_take_is_405_and_a_path_that_does_not_exist_404() throws IOException {
        for (String method : new String[] {"DELETE /healthz", "PATCH /api/platform/v1/connections",
            "PROPFIND /healthz", "get /healthz"}) {
            assertEnvelope(send(method + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 405, "method_not_allowed");
        }
        assertEnvelope(send("DELETE /nothing-here HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 404, "not_found");
    }

    @Test
    void a_broken_chunked_body_is_400_and_leaves_no_stack_trace() throws IOException {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try {
            String admin = http.token("acme", "alice", Role.ADMIN);
            for (String path : new String[] {API + "/webhooks/acme/abc", API + "/connections"}) {
                Reply reply = send("POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer "
                        + admin + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
                assertThat(reply.status()).as(path).isEqualTo(400);
                assertThat(reply.body()).as(path).startsWith("{\"error\":{\"code\":");
            }
            assertThat(log.list).noneMatch(event -> event.getThrowableProxy() != null);
        } finally {
            root.detachAppender(log);
        }
    }

    @Test
    void paths_the_servlet_context_refuses_get_the_envelope_every_time_without_a_logged_trace() throws IOException {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try {
            for (int i = 0; i < 40; i++) {
                for (String path : new String[] {"/console/%2e%2e/%2e%2e/etc/passwd", "/api/platform/v1/%2F%2F/x",
                    "/console/..;/x"}) {
                    Reply reply = send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                    assertThat(reply.status()).as(path).isBetween(400, 404);
                    assertThat(new ObjectMapper().readTree(reply.body()).path("error").path("code").isTextual()).as(path).isTrue();
                }
            }
            assertThat(log.list).noneMatch(event -> event.getThrowableProxy() != null);
        } finally {
            root.detachAppender(log);
        }
    }

    @Test
    void every_answer_says_nosniff() {
        String admin = http.token("acme", "alice", Role.ADMIN);
        assertThat(http.get(API + "/connections", admin).header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(http.get(API + "/connections", null).header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(http.get("/nope", admin).header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(http.get("/healthz", null).header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    private void assertEnvelope(Reply reply, int status, String code) throws IOException {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.head()).containsIgnoringCase("X-Content-Type-Options: nosniff");
        JsonNode error = new ObjectMapper().readTree(reply.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank().doesNotContain("Exception", "aaaa");
    }

    record Reply(int status, String head, String body) {
    }

    private Reply send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", http.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            return new Reply(Integer.parseInt(text.split(" ", 3)[1]), text.substring(0, split), text.substring(split + 4));
        }
    }
}
