package com.amdahl.connections.domain.notification;

import com.amdahl.connections.domain.health.Health;
import com.amdahl.connections.domain.health.HealthFacts;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which health changes are worth a {@code connection.health_changed} notification. Every run moves
 * a connection healthy → syncing → healthy; nobody wants to be paged for that. So health is judged
 * "settled" — with a running sync looked through — and a change notifies when it enters or leaves
 * one of the {@link #NOTABLE} states. Recovery (error → healthy) is such a change.
 */
public final class HealthChangeRule {
    /** States a person may have to act on (or stop worrying about once they are left). */
    public static final Set<Health> NOTABLE = EnumSet.of(Health.NEEDS_REAUTH, Health.ERROR, Health.RATE_LIMITED,
            Health.DEGRADED, Health.STALE, Health.DISCONNECTED);

    private HealthChangeRule() {
    }

    /** Whether a change from one settled health to another notifies. {@code syncing} is never settled. */
    public static boolean matters(Health from, Health to) {
        if (from == to || from == Health.SYNCING || to == Health.SYNCING) {
            return false;
        }
        return NOTABLE.contains(from) || NOTABLE.contains(to);
    }

    /** The facts with a running sync looked through: what the connection is, apart from that run. */
    public static HealthFacts settled(HealthFacts facts) {
        if (!facts.syncing()) {
            return facts;
        }
        return new HealthFacts(facts.status(), facts.statusChangedAt(), facts.needsReauth(), false, null,
                facts.lastOutcome(), facts.lastSyncedAt(), facts.connectedAt());
    }

    /**
     * {@code stale} arises by the passage of time, which writes nothing; a periodic sweep announces
     * it and leaves a mark. A change out of a stale nobody was told about starts from
     * {@code healthy} (what receivers last heard), and a mark whose connection is healthy again
     * without a write (the threshold was raised) still counts as {@code stale}, so the stream of
     * notifications of a connection always chains: each {@code from} is the previous {@code to}.
     */
    public static Health announcedFrom(Health settledBefore, boolean staleAnnounced) {
        if (settledBefore == Health.STALE && !staleAnnounced) {
            return Health.HEALTHY;
        }
        if (settledBefore == Health.HEALTHY && staleAnnounced) {
            return Health.STALE;
        }
        return settledBefore;
    }
}
