package com.amdahl.connections.adapter.providers;

import com.amdahl.connections.adapter.providers.HttpCore.Response;
import com.amdahl.connections.adapter.providers.ProviderFailures.Failure;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.RecordSink.SyncedRecord;
import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live pullers: Pipedrive (persons, deals, organizations, activities; {@code x-api-token};
 * {@code start}/{@code limit} paging until {@code more_items_in_collection} is false) and HubSpot
 * (contacts, companies, deals, owners, tasks; bearer token; {@code after} cursors). Each run is a
 * full pass over the stream: records are upserted, so a pass is idempotent. Within a stream a 429
 * is retried at most 3 times, honouring {@code Retry-After} up to 30 s (5xx retries happen in the
 * HTTP core); then the stream fails with its classified reason (CONTRACT 9.20).
 */
final class Pullers implements StreamPuller {
    static final int PAGE_SIZE = 100;
    private static final int RATE_LIMIT_RETRIES = 3;
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);

    private static final Map<String, String> PIPEDRIVE = Map.of("persons", "/v1/persons", "deals", "/v1/deals",
            "organizations", "/v1/organizations", "activities", "/v1/activities");
    private static final Map<String, String> HUBSPOT = Map.of("contacts", "/crm/v3/objects/contacts",
            "companies", "/crm/v3/objects/companies", "deals", "/crm/v3/objects/deals", "owners", "/crm/v3/owners",
            "tasks", "/crm/v3/objects/tasks");
    private static final Map<String, List<String>> STREAMS = Map.of(
            "pipedrive", List.of("persons", "deals", "organizations", "activities"),
            "hubspot", List.of("contacts", "companies", "deals", "owners", "tasks"));

    private final ProviderSettings settings;
    private final HttpCore http;
    private final Sleeper sleeper;

    /** How the puller waits out a Retry-After; tests replace it. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    Pullers(ProviderSettings settings, HttpCore http, Sleeper sleeper) {
        this.settings = settings;
        this.http = http;
        this.sleeper = sleeper;
    }

    @Override
    public List<String> streams(String connectorType) {
        return STREAMS.getOrDefault(connectorType, List.of());
    }

    @Override
    public PullResult pull(PullRequest request, RecordSink sink) {
        Page.Cursor cursor = switch (request.connectorType()) {
            case "pipedrive" -> new PipedriveCursor(request);
            case "hubspot" -> new HubSpotCursor(request);
            default -> throw new IllegalArgumentException("no puller for " + request.connectorType());
        };
        long written = 0;
        try {
            for (Optional<String> url = Optional.of(cursor.first()); url.isPresent(); ) {
                request.heartbeat().run();
                Response response = fetch(cursor.providerName(), cursor.authorize(HttpCore.request(url.get())));
                Optional<Failure> failure = response.failure();
                if (failure.isPresent()) {
                    return failed(request, written, failure.get(), cursor.providerName(), response.status());
                }
                Page page = cursor.read(response);
                if (!page.records().isEmpty()) {
                    written += sink.write(request.workspaceId(), request.connectionId(), request.stream(), page.records());
                }
                url = page.next();
            }
        } catch (ConnectionsException unreachable) {
            Failure failure = ProviderFailures.of(unreachable).orElse(new Failure(ErrorReason.UNKNOWN, 0, null));
            return failed(request, written, failure, cursor.providerName(), failure.httpStatus());
        } catch (MalformedPage malformed) {
            return new PullResult(StreamOutcome.failed(request.stream(), written, ErrorReason.UNKNOWN,
                    cursor.providerName() + " answered a body that is not a " + request.stream() + " page"), null);
        }
        return new PullResult(StreamOutcome.succeeded(request.stream(), written), null);
    }

    /** Sends a GET, waiting out at most three rate limits. */
    private Response fetch(String providerName, java.net.http.HttpRequest.Builder request) {
        for (int attempt = 0; ; attempt++) {
            Response response = http.send(providerName, request.copy().GET(), true);
            Optional<Failure> failure = response.failure();
            if (failure.isEmpty() || failure.get().reason() != ErrorReason.RATE_LIMIT || attempt == RATE_LIMIT_RETRIES) {
                return response;
            }
            Duration wait = failure.get().retryAfter() == null ? DEFAULT_RETRY_AFTER : failure.get().retryAfter();
            if (wait.compareTo(MAX_RETRY_AFTER) > 0) {
                return response; // the provider asks for longer than a run should block: fail the stream now
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }

    private static PullResult failed(PullRequest request, long written, Failure failure, String providerName, int status) {
        String message = status > 0 ? providerName + " answered HTTP " + status : providerName + " could not be reached";
        return new PullResult(StreamOutcome.failed(request.stream(), written, failure.reason(), message), null);
    }

    private String origin(String type, String defaultOrigin, Credentials credentials) {
        String fromCredentials = credentials == null ? null : credentials.get(OAuthClient.API_BASE_URL).orElse(null);
        return Endpoints.api(settings, type, fromCredentials != null ? fromCredentials : defaultOrigin, "");
    }

    /** One page: its records and the URL of the next page, if any. */
    record Page(List<SyncedRecord> records, Optional<String> next) {
        /** Walks a stream page by page. */
        interface Cursor {
            String providerName();

            String first();

            java.net.http.HttpRequest.Builder authorize(java.net.http.HttpRequest.Builder request);

            Page read(Response response);
        }
    }

    /** A 2xx whose body is not the page it should be. */
    static final class MalformedPage extends RuntimeException {
        MalformedPage() {
            super(null, null, false, false);
        }
    }

    private static JsonNode json(Response response) {
        try {
            JsonNode node = response.json();
            if (node == null || !node.isObject()) {
                throw new MalformedPage();
            }
            return node;
        } catch (RuntimeException e) {
            throw e instanceof MalformedPage m ? m : new MalformedPage();
        }
    }

    private static List<SyncedRecord> records(JsonNode array, String idField) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new MalformedPage();
        }
        List<SyncedRecord> records = new ArrayList<>();
        for (JsonNode item : array) {
            JsonNode id = item.get(idField);
            if (id == null || id.isNull()) {
                throw new MalformedPage();
            }
            records.add(new SyncedRecord(id.asText(), item.toString()));
        }
        return records;
    }

    /** Pipedrive v1: {@code data[]} and {@code additional_data.pagination.next_start}. */
    private final class PipedriveCursor implements Page.Cursor {
        private final String base;
        private final String key;

        PipedriveCursor(PullRequest request) {
            this.base = origin("pipedrive", "https://api.pipedrive.com", null) + PIPEDRIVE.get(request.stream());
            this.key = request.credentials().get(Credentials.API_KEY).orElse("");
        }

        public String providerName() {
            return "Pipedrive";
        }

        public String first() {
            return pageAt(0);
        }

        private String pageAt(long start) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("start", Long.toString(start));
            query.put("limit", Integer.toString(PAGE_SIZE));
            return Endpoints.withQuery(base, query);
        }

        public java.net.http.HttpRequest.Builder authorize(java.net.http.HttpRequest.Builder request) {
            return request.header("x-api-token", key);
        }

        public Page read(Response response) {
            JsonNode body = json(response);
            List<SyncedRecord> records = records(body.get("data"), "id");
            JsonNode pagination = body.path("additional_data").path("pagination");
            boolean more = pagination.path("more_items_in_collection").asBoolean(false);
            if (!more) {
                return new Page(records, Optional.empty());
            }
            JsonNode nextStart = pagination.get("next_start");
            if (nextStart == null || !nextStart.canConvertToLong()) {
                throw new MalformedPage();
            }
            return new Page(records, Optional.of(pageAt(nextStart.asLong())));
        }
    }

    /** HubSpot CRM v3: {@code results[]} and {@code paging.next.after}. */
    private final class HubSpotCursor implements Page.Cursor {
        private final String base;
        private final String token;

        HubSpotCursor(PullRequest request) {
            this.base = origin("hubspot", "https://api.hubapi.com", request.credentials()) + HUBSPOT.get(request.stream());
            this.token = request.credentials().get(Credentials.ACCESS_TOKEN).orElse("");
        }

        public String providerName() {
            return "HubSpot";
        }

        public String first() {
            return pageAfter(null);
        }

        private String pageAfter(String after) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("limit", Integer.toString(PAGE_SIZE));
            query.put("after", after);
            return Endpoints.withQuery(base, query);
        }

        public java.net.http.HttpRequest.Builder authorize(java.net.http.HttpRequest.Builder request) {
            return request.header("Authorization", "Bearer " + token);
        }

        public Page read(Response response) {
            JsonNode body = json(response);
            List<SyncedRecord> records = records(body.get("results"), "id");
            JsonNode after = body.path("paging").path("next").get("after");
            if (after == null || after.isNull() || after.asText().isEmpty()) {
                return new Page(records, Optional.empty());
            }
            return new Page(records, Optional.of(pageAfter(after.asText())));
        }
    }
}
