package com.amdahl.connections.adapter.providers.connectors.notion;

import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.Endpoints;
import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.adapter.providers.kit.Sleeper;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.KnowledgeTarget;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.knowledge.KnowledgeDocument;
import com.amdahl.connections.domain.knowledge.KnowledgeSyncSettings;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Notion Knowledge Sync's writes, in the API's documented shapes: {@code POST /v1/search} for the
 * databases a grant sees, {@code GET /v1/databases/{id}}, {@code POST /v1/pages} (properties and the
 * first 100 blocks), {@code PATCH /v1/blocks/{id}/children} for the rest, {@code PATCH
 * /v1/pages/{id}} for properties and {@code archived}, {@code GET /v1/blocks/{id}/children} and
 * {@code DELETE /v1/blocks/{id}} to clear a body before it is written again. Every call waits for
 * the {@link RequestPace} shared by every run of the integration; a 429 is retried at most 3 times,
 * honouring {@code Retry-After} up to 30 s, then refused as a rate limit.
 */
public final class NotionKnowledge implements KnowledgeTarget {
    private static final int RETRIES = 3;
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Notion plugin;
    private final ConnectorContext context;
    private final Sleeper sleeper;
    private final RequestPace pace;

    private NotionKnowledge(Notion plugin, ConnectorContext context, Sleeper sleeper, RequestPace pace) {
        this.plugin = plugin;
        this.context = context;
        this.sleeper = sleeper;
        this.pace = pace;
    }

    /**
     * The target for {@code plugin} (the registry's Notion Knowledge Sync), paced at
     * {@code CONNECTIONS_NOTION_KNOWLEDGE_SYNC_REQUESTS_PER_SECOND} (default 3; 0 turns the pace off).
     */
    public static NotionKnowledge of(Notion plugin, ConnectorContext context, Sleeper sleeper) {
        double perSecond = context.variable("REQUESTS_PER_SECOND").map(Double::parseDouble).orElse(3.0);
        return new NotionKnowledge(plugin, context, sleeper, RequestPace.perSecond(perSecond, sleeper));
    }

    @Override
    public List<TargetDatabase> databases(Credentials credentials) {
        List<TargetDatabase> found = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode body = JSON.objectNode();
            body.putObject("filter").put("property", "object").put("value", "database");
            body.put("page_size", Notion.PAGE_SIZE);
            if (cursor != null) {
                body.put("start_cursor", cursor);
            }
            JsonNode page = expect(call(credentials, "/v1/search", "POST", body));
            for (JsonNode database : page.path("results")) {
                found.add(database(database));
            }
            cursor = page.path("has_more").asBoolean() ? Json.text(page, "next_cursor").orElse(null) : null;
        } while (cursor != null);
        return found;
    }

    @Override
    public Optional<TargetDatabase> database(Credentials credentials, String databaseId) {
        Response response = call(credentials, "/v1/databases/" + Endpoints.encode(databaseId), "GET", null);
        if (response.status() == 404 || response.status() == 400) {
            return Optional.empty(); // not shared with the integration, deleted, or not an id at all
        }
        return Optional.of(database(expect(response)));
    }

    @Override
    public String create(Credentials credentials, KnowledgeSyncSettings settings, KnowledgeDocument document) {
        List<ArrayNode> requests = MarkdownBlocks.appends(MarkdownBlocks.convert(document.markdown()));
        ObjectNode body = JSON.objectNode();
        body.putObject("parent").put("database_id", settings.databaseId());
        body.set("properties", properties(settings, document));
        if (!requests.isEmpty()) {
            body.set("children", requests.get(0));
        }
        Response response = call(credentials, "/v1/pages", "POST", body);
        if (response.status() == 404) {
            throw new Refused(ErrorReason.CONFIG, Gone.DATABASE, "the database is gone");
        }
        String pageId = Json.text(expect(response), "id").orElseThrow(() -> refusal(new Failure(ErrorReason.UNKNOWN,
                response.status(), null)));
        for (ArrayNode more : requests.subList(Math.min(1, requests.size()), requests.size())) {
            append(credentials, pageId, more);
        }
        return pageId;
    }

    @Override
    public void replace(Credentials credentials, KnowledgeSyncSettings settings, String pageId,
            KnowledgeDocument document) {
        ObjectNode properties = JSON.objectNode();
        properties.set("properties", properties(settings, document));
        Response updated = call(credentials, "/v1/pages/" + Endpoints.encode(pageId), "PATCH", properties);
        if (pageGone(updated)) {
            throw gone(credentials, settings);
        }
        expect(updated);
        for (String block : children(credentials, pageId)) {
            Response deleted = call(credentials, "/v1/blocks/" + Endpoints.encode(block), "DELETE", null);
            if (deleted.status() != 404) {
                expect(deleted);
            }
        }
        for (ArrayNode request : MarkdownBlocks.appends(MarkdownBlocks.convert(document.markdown()))) {
            append(credentials, pageId, request);
        }
    }

    @Override
    public void archive(Credentials credentials, String pageId) {
        ObjectNode body = JSON.objectNode();
        body.put("archived", true);
        Response response = call(credentials, "/v1/pages/" + Endpoints.encode(pageId), "PATCH", body);
        if (!pageGone(response)) {
            expect(response);
        }
    }

    /** A page deleted or archived by hand: 404, or a 400 saying it is archived. */
    private static boolean pageGone(Response response) {
        return response.status() == 404 || (response.status() == 400 && response.body() != null
                && response.body().contains("archived"));
    }

    /** A page write found no page: the database is gone too, or only the page. */
    private Refused gone(Credentials credentials, KnowledgeSyncSettings settings) {
        return database(credentials, settings.databaseId()).isEmpty()
                ? new Refused(ErrorReason.CONFIG, Gone.DATABASE, "the database is gone")
                : new Refused(ErrorReason.UNKNOWN, Gone.PAGE, "the page is gone");
    }

    private List<String> children(Credentials credentials, String pageId) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/v1/blocks/" + Endpoints.encode(pageId) + "/children?page_size=" + Notion.PAGE_SIZE
                    + (cursor == null ? "" : "&start_cursor=" + Endpoints.encode(cursor));
            JsonNode page = expect(call(credentials, path, "GET", null));
            for (JsonNode block : page.path("results")) {
                Json.text(block, "id").ifPresent(ids::add);
            }
            cursor = page.path("has_more").asBoolean() ? Json.text(page, "next_cursor").orElse(null) : null;
        } while (cursor != null);
        return ids;
    }

    private void append(Credentials credentials, String pageId, ArrayNode blocks) {
        ObjectNode body = JSON.objectNode();
        body.set("children", blocks);
        expect(call(credentials, "/v1/blocks/" + Endpoints.encode(pageId) + "/children", "PATCH", body));
    }

    private static ObjectNode properties(KnowledgeSyncSettings settings, KnowledgeDocument document) {
        ObjectNode properties = JSON.objectNode();
        properties.putObject(settings.titleProperty()).set("title", MarkdownBlocks.plain(document.title()));
        if (settings.tagsProperty() != null) {
            ArrayNode options = properties.putObject(settings.tagsProperty()).putArray("multi_select");
            // Notion refuses commas in an option's name and names past 100 characters
            document.tags().stream().map(t -> t.replace(',', ' ').strip()).filter(t -> !t.isEmpty()).distinct()
                    .map(t -> t.length() > 100 ? t.substring(0, 100) : t)
                    .forEach(t -> options.addObject().put("name", t));
        }
        if (settings.updatedProperty() != null) {
            properties.putObject(settings.updatedProperty()).putObject("date").put("start", document.updatedAt().toString());
        }
        return properties;
    }

    private static TargetDatabase database(JsonNode database) {
        StringBuilder title = new StringBuilder();
        for (JsonNode part : database.path("title")) {
            title.append(part.path("plain_text").asText(part.path("text").path("content").asText("")));
        }
        String titleProperty = null;
        List<Property> properties = new ArrayList<>();
        var fields = database.path("properties").fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String type = field.getValue().path("type").asText();
            properties.add(new Property(field.getKey(), type));
            if (type.equals("title")) {
                titleProperty = field.getKey();
            }
        }
        return new TargetDatabase(Json.text(database, "id").orElse(""), title.toString(), titleProperty, properties);
    }

    /** One call, paced, with a 429 retried at most {@value #RETRIES} times after its {@code Retry-After}. */
    private Response call(Credentials credentials, String path, String method, JsonNode body) {
        for (int attempt = 0; ; attempt++) {
            pace.await();
            HttpRequest.Builder request = plugin.authorize(HttpCore.request(context.api(path)), credentials);
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            Response response;
            try {
                response = context.http().send(plugin.name(), plugin.errorDialect(), request, method.equals("GET"));
            } catch (ConnectionsException unreachable) {
                throw refusal(ProviderFailures.of(unreachable).orElse(new Failure(ErrorReason.TRANSIENT, 0, null)));
            }
            Optional<Failure> failure = plugin.errorDialect().classify(response);
            if (failure.isEmpty() || failure.get().reason() != ErrorReason.RATE_LIMIT || attempt == RETRIES) {
                return response;
            }
            Duration wait = failure.get().retryAfterIfKnown().filter(d -> d.compareTo(MAX_RETRY_AFTER) <= 0)
                    .orElse(Duration.ofSeconds(1));
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Refused(ErrorReason.TRANSIENT, null, "interrupted");
            }
        }
    }

    private JsonNode expect(Response response) {
        Optional<Failure> failure = plugin.errorDialect().classify(response);
        if (failure.isPresent() && response.status() == 400 && response.body() != null
                && response.body().contains("validation_error")) {
            // the settings no longer fit the database (a property renamed or removed in Notion)
            throw new Refused(ErrorReason.CONFIG, null, "Notion refused a page write (HTTP 400 validation_error): "
                    + "check that the database still has the configured title, tags and updated properties, "
                    + "then save the knowledge sync settings again");
        }
        if (failure.isPresent()) {
            throw refusal(failure.get());
        }
        JsonNode json = response.json();
        return json == null ? JSON.objectNode() : json;
    }

    private Refused refusal(Failure failure) {
        String what = switch (failure.reason()) {
            case AUTH -> "Notion refused the grant (HTTP " + failure.httpStatus() + "): reconnect the connection";
            case RATE_LIMIT -> "Notion rate-limited the integration (HTTP 429); the next run goes on";
            case TRANSIENT -> "Notion was unavailable" + (failure.httpStatus() == 0 ? "" : " (HTTP " + failure.httpStatus() + ")");
            case CONFIG, UNKNOWN -> "Notion refused a write (HTTP " + failure.httpStatus() + ")";
        };
        return new Refused(failure.reason(), null, what);
    }
}
