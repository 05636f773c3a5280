package com.amdahl.connections.application.view;

import com.amdahl.connections.application.port.in.CatalogEntry;
import com.amdahl.connections.application.port.in.ConnectOutcome;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.in.ConnectionView;
import com.amdahl.connections.application.port.in.CredentialSummary;
import com.amdahl.connections.application.port.in.TestCredentials;
import com.amdahl.connections.application.port.in.ManageCadence.CadenceRow;
import com.amdahl.connections.application.port.out.HandleResolver.ResolvedHandle;
import com.amdahl.connections.application.port.out.RecordFeed.StoredRecord;
import com.amdahl.connections.application.port.out.RecordFeed.StreamSummary;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.catalog.CredentialFields;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionEvent;
import com.amdahl.connections.domain.connection.SocialProfile;
import com.amdahl.connections.domain.health.HealthDetail;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.UserId;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON shapes of CONTRACT section 4, as ordered trees ({@link Map}, {@link List}, strings,
 * numbers, booleans, null) that {@link JsonText} writes. Every surface renders the application's
 * views through these functions, so REST and MCP answer the same bytes for the same read:
 * snake_case keys in contract order, timestamps ISO-8601 UTC, nulls kept.
 */
public final class JsonShapes {
    private JsonShapes() {
    }

    // ---- documents (what a read answers) ------------------------------------------------

    /** {@code {"connectors":[...]}} */
    public static Map<String, Object> catalogDocument(List<CatalogEntry> entries) {
        return single("connectors", entries.stream().map(JsonShapes::catalogEntry).toList());
    }

    /** {@code {"connections":[...]}} */
    public static Map<String, Object> connectionsDocument(List<ConnectionView> views) {
        return single("connections", views.stream().map(JsonShapes::connection).toList());
    }

    /** {@code {"runs":[...]}} */
    /** {@code {"records":[...],"next_cursor","has_more"}} (CONTRACT 10); {@code data} is the stored JSON as it is. */
    public static Map<String, Object> recordsDocument(List<StoredRecord> records, String nextCursor, boolean hasMore) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("records", records.stream().map(JsonShapes::record).toList());
        json.put("next_cursor", nextCursor);
        json.put("has_more", hasMore);
        return json;
    }

    private static Map<String, Object> record(StoredRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stream", record.stream());
        json.put("id", record.externalId());
        json.put("parent_id", record.parentId());
        json.put("action", record.action());
        json.put("first_seen_at", time(record.firstSeenAt()));
        json.put("last_modified_at", time(record.lastModifiedAt()));
        json.put("deleted_at", time(record.deletedAt()));
        json.put("data", record.payloadJson() == null ? null : new JsonText.Raw(record.payloadJson()));
        json.put("purged", record.purgedReason());
        return json;
    }

    /** {@code {"streams":[{"stream","records","deleted","last_change_at"}]}} */
    public static Map<String, Object> recordStreamsDocument(List<StreamSummary> streams) {
        return single("streams", streams.stream().map(s -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("stream", s.stream());
            json.put("records", s.records());
            json.put("deleted", s.deleted());
            json.put("last_change_at", time(s.lastChangeAt()));
            return json;
        }).toList());
    }

    public static Map<String, Object> runsDocument(List<SyncRun> runs) {
        return single("runs", runs.stream().map(JsonShapes::run).toList());
    }

    /** {@code {"events":[...]}} */
    public static Map<String, Object> eventsDocument(List<ConnectionEvent> events) {
        return single("events", events.stream().map(JsonShapes::event).toList());
    }

    /** {@code {"connector_cadences":[...]}} */
    public static Map<String, Object> cadencesDocument(List<CadenceRow> rows) {
        return single("connector_cadences", rows.stream().map(JsonShapes::cadence).toList());
    }

    // ---- entries ------------------------------------------------------------------------

    /** One connection entry; {@code handle}, {@code display_name}, {@code avatar_url} only for handle connectors. */
    public static Map<String, Object> connection(ConnectionView view) {
        Connection c = view.connection();
        HealthDetail detail = view.health().detail();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id().value());
        json.put("kind", Connector.KIND_FIRST_PARTY);
        json.put("connector_type", c.connectorType());
        json.put("name", c.profile().name());
        json.put("status", c.status().wire());
        json.put("scope", c.profile().scope().wire());
        json.put("last_synced_at", time(c.sync().lastSyncedAt()));
        json.put("last_error", c.lifecycle().lastError());
        json.put("is_syncing", c.isSyncing());
        json.put("health", view.health().health().wire());
        Map<String, Object> healthDetail = new LinkedHashMap<>();
        healthDetail.put("reason", detail.reason());
        healthDetail.put("since", time(detail.since()));
        healthDetail.put("next_action", detail.nextAction().wire());
        json.put("health_detail", healthDetail);
        json.put("last_run", run(view.lastRun()));
        json.put("owner_user_id", user(c.profile().ownerUserId()));
        json.put("connected_by_user_id", user(c.connectedByUserId()));
        json.put("account", account(c.profile().account()));
        json.put("credentials", credentials(view.credentials()));
        json.put("created_at", time(c.createdAt()));
        json.put("available_actions", view.availableActions().stream().map(a -> a.wire()).toList());
        SocialProfile social = c.profile().social();
        if (social != null) {
            json.put("handle", social.handle());
            json.put("display_name", social.displayName());
            json.put("avatar_url", social.avatarUrl());
        }
        if (view.knowledgeSync() != null) {
            Map<String, Object> knowledge = new LinkedHashMap<>();
            knowledge.put("configured", view.knowledgeSync().configured());
            knowledge.put("missing", view.knowledgeSync().missing());
            knowledge.put("database_id", view.knowledgeSync().databaseId());
            knowledge.put("policy", view.knowledgeSync().policy());
            json.put("knowledge_sync", knowledge);
        }
        return json;
    }

    /** Just the sync state of one connection. */
    public static Map<String, Object> status(ConnectionView view) {
        Connection c = view.connection();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id().value());
        json.put("status", c.status().wire());
        json.put("health", view.health().health().wire());
        json.put("is_syncing", c.isSyncing());
        json.put("last_synced_at", time(c.sync().lastSyncedAt()));
        json.put("last_error", c.lifecycle().lastError());
        json.put("last_run", run(view.lastRun()));
        return json;
    }

    /** One sync run, or null for none. */
    public static Map<String, Object> run(SyncRun run) {
        if (run == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", run.id().value());
        json.put("status", run.status().wire());
        json.put("triggered_by", run.triggeredBy().wire());
        json.put("started_at", time(run.startedAt()));
        json.put("finished_at", time(run.finishedAt()));
        json.put("streams_total", run.streamsTotal());
        json.put("streams_failed", run.streamsFailed());
        json.put("records_written", run.recordsWritten());
        json.put("records_added", run.records().added());
        json.put("records_updated", run.records().updated());
        json.put("records_deleted", run.records().deleted());
        json.put("records_unchanged", run.records().unchanged());
        json.put("records_skipped", run.records().skipped());
        json.put("deletes_held", run.records().deletesHeld());
        json.put("records_suppressed", run.records().suppressed());
        json.put("error_reason", run.errorReason() == null ? null : run.errorReason().wire());
        return json;
    }

    /** One audit event (CONTRACT 9.6); details sorted by key. */
    public static Map<String, Object> event(ConnectionEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", event.id());
        json.put("type", event.type().wire());
        json.put("at", time(event.at()));
        json.put("actor_user_id", user(event.actorUserId()));
        json.put("details", new TreeMap<>(event.details()));
        return json;
    }

    /**
     * One catalog connector with whether it can be connected here and whether it syncs; an API-key
     * connector adds the fields its key form asks for and what joins their values into the key.
     */
    public static Map<String, Object> catalogEntry(CatalogEntry entry) {
        Connector c = entry.connector();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", c.type());
        json.put("name", c.name());
        json.put("category", c.category().wire());
        json.put("auth_method", c.authMethod().wire());
        json.put("ownership", c.ownership().wire());
        json.put("direction", c.direction().wire());
        json.put("kind", c.kind());
        json.put("default_scope", c.defaultScope().wire());
        json.put("streams", List.copyOf(c.streams()));
        json.put("default_cadence", c.defaultCadence().wire());
        json.put("connectable", entry.connectable());
        json.put("not_connectable_reason",
                entry.notConnectableReason() == null ? null : entry.notConnectableReason().wire());
        json.put("syncable", entry.syncable());
        json.put("notes", c.notes());
        if (c.credentialFields() != null) {
            json.put("credential_fields", c.credentialFields().fields().stream().map(JsonShapes::credentialField).toList());
            json.put("credential_separator", c.credentialFields().separator());
        }
        return json;
    }

    private static Map<String, Object> credentialField(CredentialFields.Field field) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", field.name());
        json.put("label", field.label());
        json.put("secret", field.secret());
        json.put("hint", field.hint());
        return json;
    }

    /** One connector type's cadence (CONTRACT 9.7). */
    public static Map<String, Object> cadence(CadenceRow row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("connector_type", row.connectorType());
        json.put("default_cadence", row.defaultCadence().wire());
        json.put("override", row.override() == null ? null : row.override().wire());
        json.put("effective_cadence", row.effective().wire());
        return json;
    }

    /** A resolved public handle. */
    public static Map<String, Object> resolvedHandle(ResolvedHandle handle) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("external_account_id", handle.externalAccountId());
        json.put("handle", handle.handle());
        json.put("display_name", handle.displayName());
        json.put("avatar_url", handle.avatarUrl());
        json.put("followers", handle.followers());
        return json;
    }

    /**
     * What connect and reconnect answer, per mode: {@code oauth_redirect} (authorize_url),
     * {@code connected}, {@code webhook} (webhook_url and the signing secret, shown once) or
     * {@code already_connected} (existing_id).
     */
    public static Map<String, Object> connectOutcome(ConnectOutcome outcome) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", outcome.mode().wire());
        switch (outcome.mode()) {
            case OAUTH_REDIRECT -> {
                json.put("authorize_url", outcome.authorizeUrl());
                json.put("connection", connection(outcome.connection()));
            }
            case CONNECTED -> json.put("connection", connection(outcome.connection()));
            case WEBHOOK -> {
                json.put("webhook_url", outcome.webhookUrl());
                json.put("signing_secret", outcome.signingSecret());
                json.put("connection", connection(outcome.connection()));
            }
            case ALREADY_CONNECTED -> json.put("existing_id", outcome.existingId());
        }
        return json;
    }

    // ---- scalars ------------------------------------------------------------------------

    /** ISO-8601 in UTC, e.g. {@code 2026-11-26T12:00:00Z}; null stays null. */
    public static String time(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static String user(UserId user) {
        return user == null ? null : user.value();
    }

    private static Map<String, Object> account(AccountIdentity account) {
        if (account == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("external_account_id", account.externalAccountId());
        json.put("label", account.label());
        return json;
    }

    /** Facts about the stored credentials, never a secret: kind, expiry, last refresh, scopes granted. */
    private static Map<String, Object> credentials(CredentialSummary summary) {
        if (summary == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", summary.kind());
        json.put("expires_at", time(summary.expiresAt()));
        json.put("last_refreshed_at", time(summary.lastRefreshedAt()));
        json.put("scopes_granted", summary.scopesGranted());
        return json;
    }

    /** Who the caller is ({@code GET /me}): a platform-admin token is bound to no workspace and says so. */
    public static Map<String, Object> me(Principal principal) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user_id", user(principal.userId()));
        json.put("workspace_id", principal.workspaceId() == null ? null : principal.workspaceId().value());
        json.put("role", principal.role() == null ? null : principal.role().wire());
        json.put("scopes", principal.scopes().stream().map(TokenScope::wire).sorted().toList());
        json.put("platform_admin", principal.platformAdmin());
        return json;
    }

    /** What "Test connection" answers: {@code {ok:true, account}} or {@code {ok:false, error_reason, message}}. */
    public static Map<String, Object> credentialTest(TestCredentials.CredentialTestResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", result.ok());
        if (result.ok()) {
            json.put("account", account(result.account()));
        } else {
            json.put("error_reason", result.errorReason().wire());
            json.put("message", result.message());
        }
        return json;
    }

    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(key, value);
        return json;
    }
}
