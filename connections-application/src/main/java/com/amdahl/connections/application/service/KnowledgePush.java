package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.KnowledgeSource;
import com.amdahl.connections.application.port.out.KnowledgeSyncStore;
import com.amdahl.connections.application.port.out.KnowledgeTarget;
import com.amdahl.connections.application.port.out.KnowledgeTarget.Gone;
import com.amdahl.connections.application.port.out.KnowledgeTarget.Refused;
import com.amdahl.connections.application.port.out.Liveness;
import com.amdahl.connections.application.port.out.StreamCursors;
import com.amdahl.connections.domain.knowledge.KnowledgeSyncSettings;
import com.amdahl.connections.domain.knowledge.PageMapping;
import com.amdahl.connections.domain.knowledge.PushPlan;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RecordCounts;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.catalog.Direction;
import java.time.Clock;
import java.util.Optional;

/**
 * The push of an outbound knowledge sync, run as the one stream ({@value #STREAM}) of an ordinary
 * sync run: reads the knowledge base, plans from the stored mappings ({@link PushPlan}: an
 * unchanged document costs no call), creates, replaces and archives pages, and stores each
 * mapping as soon as its page is written, so a run that fails half-way resumes where it stopped.
 * The stream reports pages created as added, replaced as updated, archived as deleted.
 */
final class KnowledgePush {
    static final String STREAM = "pages";
    static final String NOT_CONFIGURED = "choose a Notion database";

    private final KnowledgeSource source;
    private final KnowledgeSyncStore store;
    private final KnowledgeTarget target;
    private final StreamCursors cursors;
    private final Clock clock;
    private final Catalog catalog;

    KnowledgePush(KnowledgeSource source, KnowledgeSyncStore store, KnowledgeTarget target, StreamCursors cursors,
            Clock clock, Catalog catalog) {
        this.catalog = catalog;
        this.source = source;
        this.store = store;
        this.target = target;
        this.cursors = cursors;
        this.clock = clock;
    }

    /** A push for no connector type: what the application runs when no knowledge sync is wired. */
    static KnowledgePush none(StreamCursors cursors, Clock clock, Catalog catalog) {
        return new KnowledgePush(KnowledgeSource.empty(), null, null, cursors, clock, catalog);
    }

    /** Outbound connectors push (when a knowledge target is wired); asks no adapter, so it is cheap. */
    boolean pushes(String connectorType) {
        return target != null && catalog.find(connectorType).map(c -> c.direction() == Direction.OUTBOUND).orElse(false);
    }

    KnowledgeSyncStore store() {
        return store;
    }

    KnowledgeTarget target() {
        return target;
    }

    /** Whether a connection of {@code connectorType} may run now: a knowledge sync only once configured. */
    boolean mayRun(String connectorType, WorkspaceId workspaceId, ConnectionId connectionId) {
        return !pushes(connectorType) || store.settings(workspaceId, connectionId).isPresent();
    }

    StreamOutcome push(WorkspaceId workspaceId, ConnectionId connectionId, Credentials credentials, Liveness liveness) {
        Optional<KnowledgeSyncSettings> configured = store.settings(workspaceId, connectionId);
        if (configured.isEmpty()) {
            return StreamOutcome.failed(STREAM, 0, ErrorReason.CONFIG,
                    "Not configured: " + NOT_CONFIGURED + " (PUT /connections/{id}/knowledge-sync)");
        }
        KnowledgeSyncSettings settings = configured.get();
        KnowledgeSource.Snapshot snapshot;
        try {
            snapshot = source.read(workspaceId);
        } catch (RuntimeException unreadable) {
            // nothing is archived on a knowledge base that could not be read: the run fails before any call
            return StreamOutcome.failed(STREAM, 0, ErrorReason.CONFIG, "The knowledge base could not be read: "
                    + unreadable.getMessage());
        }
        // the policy belongs to the cursor, not to the pages' hash: switching append → mirror archives what
        // left meanwhile at the next run, without rewriting a single page
        String cursor = snapshot.cursor() + "|" + settings.fingerprint() + "|" + settings.policy().wire();
        Optional<String> lastGood = cursors.get(workspaceId, connectionId, STREAM);
        if (lastGood.isPresent() && lastGood.get().equals(cursor)) {
            long pages = store.pageCount(workspaceId, connectionId);
            return new StreamOutcome(STREAM, new RecordCounts(0, 0, 0, pages, 0), null, null);
        }
        PushPlan plan = PushPlan.of(snapshot.documents(), store.mappings(workspaceId, connectionId), settings);
        long created = 0;
        long updated = 0;
        long archived = 0;
        try {
            for (PushPlan.Change change : plan.creates()) {
                liveness.check();
                String pageId = target.create(credentials, settings, change.document());
                store.putMapping(workspaceId, connectionId, new PageMapping(change.document().id(), pageId,
                        change.contentHash()), clock.instant());
                created++;
            }
            for (PushPlan.Change change : plan.updates()) {
                liveness.check();
                String pageId = change.pageId();
                try {
                    target.replace(credentials, settings, pageId, change.document());
                    updated++;
                } catch (Refused refused) {
                    if (refused.gone().orElse(null) != Gone.PAGE) {
                        throw refused;
                    }
                    // deleted by hand in Notion: the document still exists, so it gets a page again
                    pageId = target.create(credentials, settings, change.document());
                    created++;
                }
                store.putMapping(workspaceId, connectionId, new PageMapping(change.document().id(), pageId,
                        change.contentHash()), clock.instant());
            }
            for (PageMapping removed : plan.archives()) {
                liveness.check();
                target.archive(credentials, removed.pageId());
                store.removeMapping(workspaceId, connectionId, removed.documentId());
                archived++;
            }
        } catch (Refused refused) {
            return new StreamOutcome(STREAM, new RecordCounts(created, updated, archived, plan.unchanged(), 0),
                    refused.reason(), explain(refused, settings));
        }
        cursors.put(workspaceId, connectionId, STREAM, cursor);
        return new StreamOutcome(STREAM, new RecordCounts(created, updated, archived, plan.unchanged(), 0), null, null);
    }

    /** What a refusal means for the person who reads {@code last_error}, and what to do about it. */
    static String explain(Refused refused, KnowledgeSyncSettings settings) {
        if (refused.gone().orElse(null) == Gone.DATABASE) {
            String name = settings.databaseTitle().isBlank() ? settings.databaseId()
                    : "\"" + settings.databaseTitle() + "\" (" + settings.databaseId() + ")";
            return "The Notion database " + name + " was deleted or is no longer shared with the integration: "
                    + "share it with the integration again in Notion, or choose another database";
        }
        return refused.getMessage();
    }
}
