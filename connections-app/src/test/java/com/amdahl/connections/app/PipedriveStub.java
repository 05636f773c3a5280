package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * Pipedrive on WireMock in its documented shapes: {@code /v1/users/me} for one API key, and each
 * list stream as one page ({@code more_items_in_collection: false}). Records without
 * {@code update_time} keep the streams cursor-less, so every pass is a full one. No deal is deleted
 * ({@code status=deleted} answers none) unless a test says so.
 */
final class PipedriveStub implements AutoCloseable {
    final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    PipedriveStub(String key) {
        server.start();
        server.stubFor(get(urlPathEqualTo("/v1/users/me")).withHeader("x-api-token", equalTo(key)).willReturn(okJson(
                "{\"success\":true,\"data\":{\"id\":1,\"company_id\":777,\"company_name\":\"Acme Ltd\"}}")));
        for (String stream : new String[] {"persons", "deals", "organizations", "activities"}) {
            stream(stream, "");
        }
        deletedDeals(server, "");
    }

    /**
     * The deals listing of deleted deals ({@code GET /v1/deals?status=deleted}), which the deals stream
     * reads after its own pass: {@code items} is the inside of its {@code data} array.
     */
    static void deletedDeals(WireMockServer server, String items) {
        server.stubFor(get(urlPathEqualTo("/v1/deals")).atPriority(1).withQueryParam("status", equalTo("deleted"))
                .willReturn(okJson("{\"success\":true,\"data\":[" + items
                        + "],\"additional_data\":{\"pagination\":{\"more_items_in_collection\":false}}}")));
    }

    String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Persons {@code from}..{@code to} (ids and names only), the inside of a {@code data} array. */
    static String people(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(i -> "{\"id\":" + i + ",\"name\":\"P" + i + "\"}")
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** The stream's one page: {@code items} is the inside of its {@code data} array. */
    void stream(String name, String items) {
        server.stubFor(get(urlPathEqualTo("/v1/" + name)).willReturn(okJson("{\"success\":true,\"data\":[" + items
                + "],\"additional_data\":{\"pagination\":{\"more_items_in_collection\":false}}}")));
    }

    /** Connects Pipedrive with {@code key} as {@code adminToken} through the API, syncs it once, answers its id. */
    static String connected(TestServer app, String adminToken, String key, String name) {
        TestServer.Answer created = app.post("/api/platform/v1/connections", adminToken,
                "{\"connector_type\":\"pipedrive\",\"api_key\":\"" + key + "\",\"name\":\"" + name + "\"}");
        if (created.status() != 201) {
            throw new AssertionError("connect answered " + created.status() + ": " + created.body());
        }
        String id = created.json().at("/connection/id").asText();
        app.tickAndDrain();
        return id;
    }

    @Override
    public void close() {
        server.stop();
    }
}
