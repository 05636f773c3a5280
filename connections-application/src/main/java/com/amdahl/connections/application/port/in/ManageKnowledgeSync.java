package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.out.KnowledgeTarget.TargetDatabase;
import com.amdahl.connections.domain.knowledge.KnowledgeSyncSettings;
import com.amdahl.connections.domain.sync.SyncRun;
import java.time.Instant;
import java.util.List;

/**
 * The surface of an outbound knowledge sync (CONTRACT 11): its settings, read by whoever sees the
 * connection and written by those who may manage it (admins, for a workspace connection), and the
 * databases its grant can reach. Ids are raw, as the caller wrote them; a connection the caller
 * may not see is {@code connection_not_found}; one of another connector type is
 * {@code connection_not_syncable}.
 */
public interface ManageKnowledgeSync {

    KnowledgeSyncView read(Principal principal, String connectionId);

    /** Checks at save time that the grant reaches the database and that it has the properties named. */
    KnowledgeSyncView write(Principal principal, String connectionId, Body<SettingsChange> change);

    /** The databases the connection's grant can see (through the target's search); for those who may write the settings. */
    List<TargetDatabase> databases(Principal principal, String connectionId);

    /** What a caller asks to save: a database, a policy ({@code mirror} | {@code append}), optional mappings. */
    record SettingsChange(String databaseId, String policy, String tagsProperty, String updatedProperty) {
    }

    /**
     * The knowledge sync of one connection: its settings (null until configured, with
     * {@code missing} saying what to do), the pages it mirrors now and its last push.
     */
    record KnowledgeSyncView(String connectionId, KnowledgeSyncSettings settings, String missing, long pagesMirrored,
            Instant lastPushAt, SyncRun lastRun) {
        public boolean configured() {
            return settings != null;
        }
    }
}
