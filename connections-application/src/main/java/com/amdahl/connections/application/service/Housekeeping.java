package com.amdahl.connections.application.service;

import com.amdahl.connections.application.DeleteSettings;
import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.out.RecordPurges;
import com.amdahl.connections.application.port.out.OAuthStateStore;
import com.amdahl.connections.application.port.out.SchedulingQueries;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes what is only clutter: old finished runs (keeping the newest of each connection) and
 * long-expired OAuth states; and drops the payloads of records deleted longer ago than the
 * retention (their tombstones stay).
 */
final class Housekeeping {
    private static final int BATCH = 500;

    private final ConnectionStore store;
    private final SchedulingQueries queries;
    private final OAuthStateStore oauthStates;
    private final SyncSettings settings;
    private final RecordPurges purges; // null: the embedder keeps records elsewhere
    private final DeleteSettings deletes;

    Housekeeping(ConnectionStore store, SchedulingQueries queries, OAuthStateStore oauthStates, SyncSettings settings,
            RecordPurges purges, DeleteSettings deletes) {
        this.store = store;
        this.queries = queries;
        this.oauthStates = oauthStates;
        this.settings = settings;
        this.purges = purges;
        this.deletes = deletes;
    }

    int purgeHistory() {
        Instant now = store.now();
        Instant cutoff = now.minus(settings.retention());
        // A used state is kept until it expires (CONTRACT 9.10), so replays still get invalid_state;
        // a day later it is only clutter.
        int total = oauthStates.deleteExpired(now.minus(Duration.ofDays(1)));
        int deleted;
        do {
            deleted = queries.deleteOldRuns(cutoff, settings.keepRuns(), BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (purges != null) {
            Instant deletedBefore = now.minus(deletes.deletedRetention());
            do {
                deleted = purges.purgeDeletedPayloads(deletedBefore, BATCH);
                total += deleted;
            } while (deleted == BATCH);
        }
        return total;
    }
}
