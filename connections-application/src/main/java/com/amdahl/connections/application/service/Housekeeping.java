package com.amdahl.connections.application.service;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.out.OAuthStateStore;
import com.amdahl.connections.application.port.out.SchedulingQueries;
import java.time.Duration;
import java.time.Instant;

/** Deletes what is only clutter: old finished runs (keeping the newest of each connection) and long-expired OAuth states. */
final class Housekeeping {
    private static final int BATCH = 500;

    private final ConnectionStore store;
    private final SchedulingQueries queries;
    private final OAuthStateStore oauthStates;
    private final SyncSettings settings;

    Housekeeping(ConnectionStore store, SchedulingQueries queries, OAuthStateStore oauthStates, SyncSettings settings) {
        this.store = store;
        this.queries = queries;
        this.oauthStates = oauthStates;
        this.settings = settings;
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
        return total;
    }
}
