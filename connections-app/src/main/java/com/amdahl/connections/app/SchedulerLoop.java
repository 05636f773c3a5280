package com.amdahl.connections.app;

import com.amdahl.connections.application.port.in.SyncEngine;
import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Drives the sync engine: every tick it reaps lost runs, dispatches due connections and hands
 * pending runs to a bounded worker pool; once an hour it purges old history. Any number of
 * processes may run one against the same database: the engine decides everything in units of
 * work, so a run is executed once and a connection never has two runs in flight.
 */
final class SchedulerLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerLoop.class);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final SyncEngine engine;
    private final int workers;
    private final ScheduledExecutorService ticker;
    private final ThreadPoolExecutor pool;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    SchedulerLoop(SyncEngine engine, int workers) {
        this.engine = engine;
        this.workers = workers;
        AtomicInteger n = new AtomicInteger();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "scheduler-tick"));
        this.pool = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(workers * 4),
                r -> daemon(r, "sync-worker-" + n.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    SchedulerLoop start(Duration tick) {
        ticker.scheduleWithFixedDelay(this::tickSafely, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(this::purgeSafely, PURGE_EVERY.toMillis(), PURGE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("scheduler started: tick {}, {} workers", tick, workers);
        return this;
    }

    /** One tick; public to the package so tests can drive it by hand. */
    void tick() {
        int reaped = engine.reapExpiredRuns();
        if (reaped > 0) {
            LOG.warn("reaped {} run(s) whose worker stopped heartbeating", reaped);
        }
        engine.dispatchDue(workers * 4);
        int room = pool.getQueue().remainingCapacity() + Math.max(0, workers - pool.getActiveCount());
        for (RunRef run : engine.pendingRuns(Math.max(room, 0))) {
            if (queued.add(run.runId().value())) {
                try {
                    pool.execute(() -> execute(run));
                } catch (RejectedExecutionException full) {
                    queued.remove(run.runId().value());
                    return; // the next tick picks it up
                }
            }
        }
    }

    /** Whether no run is queued or executing on this process. */
    boolean idle() {
        return queued.isEmpty();
    }

    private void execute(RunRef run) {
        // Every line written while the run executes carries its ids (structured logs show them).
        MDC.put("workspace_id", run.workspaceId().value());
        MDC.put("run_id", run.runId().value());
        try {
            engine.execute(run).ifPresent(done -> {
                MDC.put("connection_id", done.connectionId().value());
                LOG.info("run {} of connection {} {} ({} records)", done.id(), done.connectionId(),
                        done.status().wire(), done.recordsWritten());
            });
        } catch (RuntimeException e) {
            LOG.warn("run {} could not be executed: {}", run.runId(), e.getClass().getSimpleName());
        } finally {
            queued.remove(run.runId().value());
            MDC.clear();
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("scheduler tick failed: {}: {}", e.getClass().getSimpleName(), e.getMessage());
        }
    }

    private void purgeSafely() {
        try {
            int purged = engine.purgeHistory();
            if (purged > 0) {
                LOG.info("purged {} old run(s) and expired OAuth state(s)", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("history purge failed: {}", e.getClass().getSimpleName());
        }
    }

    /** Stops ticking and lets running syncs finish for a while; unfinished ones are reaped by a later process. */
    @Override
    public void close() {
        ticker.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(20, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }
}
