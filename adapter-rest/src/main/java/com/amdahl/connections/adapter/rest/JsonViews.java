package com.amdahl.connections.adapter.rest;

import com.amdahl.connections.application.port.in.CatalogEntry;
import com.amdahl.connections.application.port.in.ConnectOutcome;
import com.amdahl.connections.application.port.in.ConnectionView;
import com.amdahl.connections.application.port.in.ManageCadence.CadenceRow;
import com.amdahl.connections.application.port.out.HandleResolver.ResolvedHandle;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionEvent;
import com.amdahl.connections.domain.connection.SocialProfile;
import com.amdahl.connections.domain.health.HealthDetail;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.UserId;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON shapes of CONTRACT section 4, rendered from the application's views, and the one
 * configured mapper that writes them. Kept free of HTTP so that it can move next to the views
 * (MCP must produce byte-identical JSON and may not depend on this adapter).
 */
public final class JsonViews {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private JsonViews() {
    }

    /** The mapper every surface writes these shapes with: snake_case, ISO-8601 UTC, nulls written. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    // ---- shapes ---------------------------------------------------------------------------

    /** One connection entry (CONTRACT section 4); {@code social} only for handle connectors. */
    public record ConnectionJson(String id, String kind, String connectorType, String name, String status,
            String scope, String lastSyncedAt, String lastError, boolean isSyncing, String health,
            HealthDetailJson healthDetail, RunJson lastRun, String ownerUserId, String connectedByUserId,
            AccountJson account, String createdAt,
            @JsonUnwrapped @JsonInclude(JsonInclude.Include.NON_NULL) SocialJson social) {
    }

    /** Why a connection has its health. */
    public record HealthDetailJson(String reason, String since, String nextAction) {
    }

    /** The provider-side identity a connection authorized as. */
    public record AccountJson(String externalAccountId, String label) {
    }

    /** The tracked public account of an X / LinkedIn connection. */
    public record SocialJson(String handle, String displayName, String avatarUrl) {
    }

    /** One sync run. */
    public record RunJson(String id, String status, String triggeredBy, String startedAt, String finishedAt,
            int streamsTotal, int streamsFailed, long recordsWritten, String errorReason) {
    }

    /** One audit event (CONTRACT 9.6). */
    public record EventJson(String id, String type, String at, String actorUserId, Map<String, Object> details) {
    }

    /** Just the sync state of one connection. */
    public record StatusJson(String id, String status, String health, boolean isSyncing, String lastSyncedAt,
            String lastError, RunJson lastRun) {
    }

    /** One catalog connector with whether it can be connected here. */
    public record CatalogEntryJson(String type, String name, String category, String authMethod, String ownership,
            String direction, String kind, String defaultScope, List<String> streams, String defaultCadence,
            boolean connectable, String notConnectableReason, String notes) {
    }

    /** One connector type's cadence (CONTRACT 9.7). */
    public record CadenceJson(String connectorType, String defaultCadence, String override,
            String effectiveCadence) {
    }

    /** A resolved public handle. */
    public record ResolvedHandleJson(String externalAccountId, String handle, String displayName, String avatarUrl,
            Long followers) {
    }

    // ---- renderers ------------------------------------------------------------------------

    public static ConnectionJson connection(ConnectionView view) {
        Connection c = view.connection();
        HealthDetail detail = view.health().detail();
        SocialProfile social = c.profile().social();
        return new ConnectionJson(c.id().value(), Connector.KIND_FIRST_PARTY, c.connectorType(), c.profile().name(),
                c.status().wire(), c.profile().scope().wire(), time(c.sync().lastSyncedAt()),
                c.lifecycle().lastError(), c.isSyncing(), view.health().health().wire(),
                new HealthDetailJson(detail.reason(), time(detail.since()), detail.nextAction().wire()),
                run(view.lastRun()), user(c.profile().ownerUserId()), user(c.connectedByUserId()),
                account(c.profile().account()), time(c.createdAt()),
                social == null ? null : new SocialJson(social.handle(), social.displayName(), social.avatarUrl()));
    }

    public static List<ConnectionJson> connections(List<ConnectionView> views) {
        return views.stream().map(JsonViews::connection).toList();
    }

    public static StatusJson status(ConnectionView view) {
        Connection c = view.connection();
        return new StatusJson(c.id().value(), c.status().wire(), view.health().health().wire(), c.isSyncing(),
                time(c.sync().lastSyncedAt()), c.lifecycle().lastError(), run(view.lastRun()));
    }

    /** A run, or null for none. */
    public static RunJson run(SyncRun run) {
        if (run == null) {
            return null;
        }
        return new RunJson(run.id().value(), run.status().wire(), run.triggeredBy().wire(), time(run.startedAt()),
                time(run.finishedAt()), run.streamsTotal(), run.streamsFailed(), run.recordsWritten(),
                run.errorReason() == null ? null : run.errorReason().wire());
    }

    public static List<RunJson> runs(List<SyncRun> runs) {
        return runs.stream().map(JsonViews::run).toList();
    }

    public static EventJson event(ConnectionEvent event) {
        return new EventJson(event.id(), event.type().wire(), time(event.at()), user(event.actorUserId()),
                new TreeMap<>(event.details()));
    }

    public static List<EventJson> events(List<ConnectionEvent> events) {
        return events.stream().map(JsonViews::event).toList();
    }

    public static CatalogEntryJson catalogEntry(CatalogEntry entry) {
        Connector c = entry.connector();
        return new CatalogEntryJson(c.type(), c.name(), c.category().wire(), c.authMethod().wire(),
                c.ownership().wire(), c.direction().wire(), c.kind(), c.defaultScope().wire(), c.streams(),
                c.defaultCadence().wire(), entry.connectable(),
                entry.notConnectableReason() == null ? null : entry.notConnectableReason().wire(), c.notes());
    }

    public static List<CatalogEntryJson> catalog(List<CatalogEntry> entries) {
        return entries.stream().map(JsonViews::catalogEntry).toList();
    }

    public static CadenceJson cadence(CadenceRow row) {
        return new CadenceJson(row.connectorType(), row.defaultCadence().wire(),
                row.override() == null ? null : row.override().wire(), row.effective().wire());
    }

    public static ResolvedHandleJson resolvedHandle(ResolvedHandle handle) {
        return new ResolvedHandleJson(handle.externalAccountId(), handle.handle(), handle.displayName(),
                handle.avatarUrl(), handle.followers());
    }

    /**
     * What connect and reconnect answer, per mode: {@code oauth_redirect} (authorize_url),
     * {@code connected}, {@code webhook} (webhook_url and the signing secret, shown once) or
     * {@code already_connected} (existing_id).
     */
    public static Map<String, Object> connectOutcome(ConnectOutcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", outcome.mode().wire());
        switch (outcome.mode()) {
            case OAUTH_REDIRECT -> {
                body.put("authorize_url", outcome.authorizeUrl());
                body.put("connection", connection(outcome.connection()));
            }
            case CONNECTED -> body.put("connection", connection(outcome.connection()));
            case WEBHOOK -> {
                body.put("webhook_url", outcome.webhookUrl());
                body.put("signing_secret", outcome.signingSecret());
                body.put("connection", connection(outcome.connection()));
            }
            case ALREADY_CONNECTED -> body.put("existing_id", outcome.existingId());
        }
        return body;
    }

    // ---- scalars --------------------------------------------------------------------------

    /** ISO-8601 in UTC, e.g. {@code 2026-11-26T12:00:00Z}; null stays null. */
    public static String time(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static String user(UserId user) {
        return user == null ? null : user.value();
    }

    private static AccountJson account(AccountIdentity account) {
        return account == null ? null : new AccountJson(account.externalAccountId(), account.label());
    }
}
