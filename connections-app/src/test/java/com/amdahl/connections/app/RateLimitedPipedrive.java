package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Pipedrive that enforces {@code limit} requests per rolling second per API token, the strictest
 * reading of a per-second limit: the request that would be the limit+1st within any second is
 * answered 429 with {@code Retry-After: 1}. Every stream has {@code pages} pages of two records.
 * No deal is deleted ({@code /v1/deals?status=deleted} answers one empty page). It keeps a log of every
 * request's arrival and status.
 */
final class RateLimitedPipedrive implements AutoCloseable {
    /** One request as the provider saw it. */
    record Arrival(long nanos, String token, String path, int status) {
    }

    final WireMockServer server;
    private final int limit;
    private final int pages;
    private final Map<String, Deque<Long>> windows = new ConcurrentHashMap<>();
    private final List<Arrival> log = new ArrayList<>();

    RateLimitedPipedrive(int limit, int pages) {
        this.limit = limit;
        this.pages = pages;
        this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(40)
                .extensions(new Limiter()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    synchronized List<Arrival> log() {
        return List.copyOf(log);
    }

    synchronized void clearLog() {
        log.clear();
    }

    private synchronized void record(Arrival arrival) {
        log.add(arrival);
    }

    private ResponseDefinition answer(Request request) {
        String token = String.valueOf(request.getHeader("x-api-token"));
        long now = System.nanoTime();
        Deque<Long> window = windows.computeIfAbsent(token, t -> new ArrayDeque<>());
        boolean refused;
        synchronized (window) {
            while (!window.isEmpty() && window.peekFirst() <= now - 1_000_000_000L) {
                window.pollFirst();
            }
            refused = window.size() >= limit;
            if (!refused) {
                window.addLast(now);
            }
        }
        String path = request.getUrl().split("\\?")[0];
        record(new Arrival(now, token, path, refused ? 429 : 200));
        if (refused) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(429).withHeader("Retry-After", "1")
                    .withBody("{\"success\":false,\"error\":\"Request over limit\"}").build();
        }
        if (path.equals("/v1/users/me")) {
            return json("{\"success\":true,\"data\":{\"id\":1,\"company_id\":777,\"company_name\":\"Acme Ltd\"}}");
        }
        if (request.queryParameter("status").isPresent() && "deleted".equals(request.queryParameter("status").firstValue())) {
            // the deals stream's listing of deleted deals, after its pass: none here
            return json("{\"success\":true,\"data\":[],\"additional_data\":{\"pagination\":{\"more_items_in_collection\":false}}}");
        }
        var startParam = request.queryParameter("start");
        int start = startParam.isPresent() ? Integer.parseInt(startParam.firstValue()) : 0;
        int page = start / 100;
        boolean more = page < pages - 1;
        return json("{\"success\":true,\"data\":[{\"id\":" + (start + 1) + "},{\"id\":" + (start + 2) + "}],"
                + "\"additional_data\":{\"pagination\":{\"more_items_in_collection\":" + more
                + (more ? ",\"next_start\":" + (start + 100) : "") + "}}}");
    }

    private static ResponseDefinition json(String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body).build();
    }

    private final class Limiter implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            return answer(serveEvent.getRequest());
        }

        @Override
        public String getName() {
            return "rolling-second-limit";
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
