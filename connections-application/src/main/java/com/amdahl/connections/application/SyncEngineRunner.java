package com.amdahl.connections.application;

import com.amdahl.connections.application.port.in.SyncEngine;
import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import com.amdahl.connections.application.port.out.Telemetry;
import com.amdahl.connections.domain.ConnectionsException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The sync engine's loops, owned by the library. Every tick reaps lost runs, dispatches due
 * connections (when {@link Options#dispatchDue()}) and hands pending runs (this process's and
 * any other's on the same database) to at most {@link Options#workers()} local workers; a run
 * requested on this process (a manual sync, a handle reconnect) is handed to a free worker at
 * once, and the tick is the safety net. Zero workers make an API-only process: it dispatches
 * (if asked) but executes nothing. Start one with {@link ConnectionsApplication#startSyncEngine};
 * {@link #close()} stops every thread it started.
 */
public final class SyncEngineRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SyncEngineRunner.class.getName());
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    /**
     * {@code dispatchDue}: whether this process dispatches due connections on their cadence;
     * {@code workers}: runs this process executes at once (0: none); {@code tick}: how often the
     * loop looks for due connections and pending runs, or null for no timer (the embedder calls
     * {@link #tick()} itself); {@code soleProcess}: no other process can hold this database (an H2
     * file), so runs found running at start belonged to a process that is gone and are failed at
     * once instead of after their lease.
     */
    public record Options(boolean dispatchDue, int workers, Duration tick, boolean soleProcess) {
        public Options(boolean dispatchDue, int workers, Duration tick) {
            this(dispatchDue, workers, tick, false);
        }

        public Options {
            if (workers < 0) {
                throw new IllegalArgumentException("workers must not be negative");
            }
            if (tick != null && (tick.isNegative() || tick.isZero())) {
                throw new IllegalArgumentException("the tick must be positive");
            }
        }

        public static Options defaults() {
            return new Options(true, 4, Duration.ofSeconds(2));
        }

        public Options withSoleProcess(boolean sole) {
            return new Options(dispatchDue, workers, tick, sole);
        }
    }

    private final SyncEngine engine;
    private final Options options;
    private final ScheduledExecutorService ticker;
    private final ExecutorService pool;
    private final Semaphore freeWorkers;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final List<Thread> started = new CopyOnWriteArrayList<>();
    private final AtomicBoolean saturated = new AtomicBoolean();
    private final Runnable stopListening;
    private final Runnable onClose;
    private final Telemetry telemetry;

    SyncEngineRunner(SyncEngine engine, Options options, ThreadFactory threads, Runnable onClose, Telemetry telemetry) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.options = Objects.requireNonNull(options, "options");
        this.onClose = onClose;
        this.ticker = Executors.newSingleThreadScheduledExecutor(named(threads, "connections-scheduler"));
        this.pool = options.workers() == 0 ? null
                : Executors.newFixedThreadPool(options.workers(), named(threads, "connections-sync-worker"));
        this.freeWorkers = new Semaphore(options.workers());
        if (options.soleProcess()) {
            reapOrphans(); // before this process can start a run of its own
        }
        this.stopListening = options.workers() == 0 ? () -> { } : engine.whenRunRequested(this::handOff);
        if (options.tick() != null) {
            long tick = options.tick().toMillis();
            ticker.scheduleWithFixedDelay(this::tickSafely, 0, tick, TimeUnit.MILLISECONDS);
            ticker.scheduleWithFixedDelay(this::purgeSafely, PURGE_EVERY.toMillis(), PURGE_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        LOG.info("sync engine started: dispatch of due connections " + (options.dispatchDue() ? "on" : "off") + ", "
                + options.workers() + " worker(s), tick " + (options.tick() == null ? "driven by the embedder" : options.tick()));
    }

    private ThreadFactory named(ThreadFactory threads, String name) {
        AtomicInteger n = new AtomicInteger();
        return work -> {
            Thread thread = threads.newThread(work);
            thread.setName(name + "-" + n.incrementAndGet());
            started.add(thread);
            return thread;
        };
    }

    public Options options() {
        return options;
    }

    /** One pass of the loop: reap, dispatch (when on), hand pending runs to free workers. The timer calls it. */
    public void tick() {
        int reaped = engine.reapExpiredRuns();
        if (reaped > 0) {
            LOG.warning("reaped " + reaped + " run(s) whose worker stopped heartbeating");
        }
        if (options.dispatchDue()) {
            // a few ticks' work for the local workers; a node without workers dispatches for others
            engine.dispatchDue(Math.max(options.workers(), 4) * 4);
        }
        fillWorkers();
    }

    /** Whether no run is queued or executing on this process. */
    public boolean idle() {
        return queued.isEmpty();
    }

    private void fillWorkers() {
        if (pool == null) {
            return;
        }
        int free = freeWorkers.availablePermits();
        if (free == 0) {
            saturated.set(true);
            return;
        }
        for (RunRef run : engine.pendingRuns(free)) {
            if (!handOff(run)) {
                saturated.set(true);
                return;
            }
        }
    }

    /** Gives the run to a free worker; false when every worker is busy (the next tick tries again). */
    private boolean handOff(RunRef run) {
        if (!queued.add(run.runId().value())) {
            return true; // already here
        }
        if (!freeWorkers.tryAcquire()) {
            queued.remove(run.runId().value());
            return false;
        }
        try {
            pool.execute(() -> execute(run));
            return true;
        } catch (RejectedExecutionException closing) {
            freeWorkers.release();
            queued.remove(run.runId().value());
            return false;
        }
    }

    private void execute(RunRef run) {
        telemetry.runContext(run.workspaceId().value(), null, run.runId().value());
        boolean declined = false;
        try {
            var done = engine.execute(run);
            if (done.isEmpty()) {
                declined = true;
                saturated.set(true); // perhaps left pending for its workspace's cap: look again when a run ends
            }
            done.ifPresent(finished -> {
                telemetry.runContext(run.workspaceId().value(), finished.connectionId().value(), run.runId().value());
                LOG.info("run " + finished.id() + " of connection " + finished.connectionId() + " "
                        + finished.status().wire() + " (" + finished.recordsWritten() + " records)");
            });
        } catch (RuntimeException e) {
            LOG.warning("run " + run.runId() + " could not be executed: " + e.getClass().getSimpleName());
        } finally {
            telemetry.runContext(null, null, null);
            queued.remove(run.runId().value());
            freeWorkers.release();
            if (!declined && saturated.getAndSet(false) && options.tick() != null) {
                submitQuietly(this::fillSafely); // more were waiting: do not wait for the next tick
            }
        }
    }

    private void submitQuietly(Runnable work) {
        try {
            ticker.execute(work);
        } catch (RejectedExecutionException closing) {
            // shutting down
        }
    }

    private void reapOrphans() {
        try {
            int reaped = engine.reapOrphanedRuns();
            if (reaped > 0) {
                LOG.warning("failed " + reaped + " run(s) left running by a process that is gone");
            }
        } catch (RuntimeException e) {
            // the lease reaps them later; the database may be away for a moment
            LOG.warning("runs left running by a previous process could not be failed at start: "
                    + (e instanceof ConnectionsException own ? own.code() : e.getClass().getName()));
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // Only our own exceptions' messages are fit for a log line; a library's may quote input.
            LOG.warning("sync engine tick failed: " + (e instanceof ConnectionsException own
                    ? own.code() + ": " + own.getMessage() : e.getClass().getName()));
        }
    }

    private void fillSafely() {
        try {
            fillWorkers();
        } catch (RuntimeException e) {
            LOG.warning("handing pending runs to workers failed: " + e.getClass().getSimpleName());
        }
    }

    private void purgeSafely() {
        try {
            int purged = engine.purgeHistory();
            if (purged > 0) {
                LOG.info("purged " + purged + " old run(s) and expired OAuth state(s)");
            }
        } catch (RuntimeException e) {
            LOG.warning("history purge failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Stops the timer, lets running syncs finish for a while (20 s) and stops every thread this
     * runner started; a run still unfinished then is reaped by a later process after its lease.
     */
    @Override
    public void close() {
        stopListening.run();
        ticker.shutdownNow();
        if (pool != null) {
            pool.shutdown();
        }
        try {
            if (pool != null && !pool.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            for (Thread thread : started) {
                thread.join(TimeUnit.SECONDS.toMillis(5)); // an executor is terminated a moment before its threads end
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (pool != null) {
                pool.shutdownNow();
            }
        } finally {
            onClose.run();
        }
    }
}
