package com.amdahl.connections.adapter.persistence;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The workspaces' change counters as this process knows them. A counter read from the database
 * is reused for {@link #OTHER_PROCESSES_WITHIN}, unless this process committed a write since: so a
 * reader sees every write committed through this process at once, and every write committed by
 * another process within that bound. Under load this turns one primary-key lookup per read into
 * one per workspace every 200 ms.
 */
final class ChangeCounters {
    static final Duration OTHER_PROCESSES_WITHIN = Duration.ofMillis(200);
    private static final long REUSE_NANOS = OTHER_PROCESSES_WITHIN.toNanos();

    private record Read(long counter, long startedNanos, long localCommits) {
    }

    private final ConcurrentHashMap<String, Read> reads = new ConcurrentHashMap<>();
    /** Raised after every local commit that raised a counter; a read taken before it is not reused. */
    private final AtomicLong localCommits = new AtomicLong();

    long current(String workspaceId, LongSupplier fromDatabase) {
        long now = System.nanoTime();
        long commits = localCommits.get();
        Read known = reads.get(workspaceId);
        if (known != null && known.localCommits == commits && now - known.startedNanos < REUSE_NANOS) {
            return known.counter;
        }
        // Taken before the read: a commit racing it makes the stored read unusable, never stale.
        long counter = fromDatabase.getAsLong();
        reads.put(workspaceId, new Read(counter, now, commits));
        return counter;
    }

    /** Another process committed a write to the workspace (a change event): do not reuse its read. */
    void forget(String workspaceId) {
        reads.remove(workspaceId);
    }

    /** Called once a transaction that raised counters has committed. */
    void committedLocally() {
        localCommits.incrementAndGet();
    }
}
