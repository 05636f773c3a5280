package com.amdahl.connections.application;

import com.amdahl.connections.application.port.in.DeliverNotifications;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The library's notification loop: {@code senders} loops each claim and send due deliveries every
 * tick, one sweep a minute announces connections that turned stale, and once an hour delivery
 * records older than 30 days are purged. Any number of processes may
 * run one against the same database (claims are leased rows). Start one with
 * {@link ConnectionsApplication#startNotificationWorker}: its threads come from the embedder's thread
 * factory and {@code app.close()} (or {@link #close()}) ends them. Or give it an executor of your
 * own to share threads with an embedding service; then the library starts none.
 */
public final class NotificationWorker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NotificationWorker.class.getName());
    static final int BATCH = 20;
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    static final int SWEEP_BATCH = 500;
    static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final DeliverNotifications delivery;
    private final ScheduledExecutorService executor;
    private final boolean ownsExecutor;
    private final List<ScheduledFuture<?>> loops = new ArrayList<>();
    private final List<Thread> started = new CopyOnWriteArrayList<>();
    private final Runnable onClose;

    public NotificationWorker(DeliverNotifications delivery, ScheduledExecutorService executor) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.ownsExecutor = false;
        this.onClose = () -> { };
    }

    /** A worker on threads of its own from {@code threads}, as {@link ConnectionsApplication} starts it. */
    NotificationWorker(DeliverNotifications delivery, int senders, ThreadFactory threads, Runnable onClose) {
        if (senders < 1) {
            throw new IllegalArgumentException("senders must be at least 1");
        }
        AtomicInteger n = new AtomicInteger();
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.executor = Executors.newScheduledThreadPool(senders + 1, work -> {
            Thread thread = threads.newThread(work);
            thread.setName("connections-notifications-" + n.incrementAndGet());
            started.add(thread);
            return thread;
        });
        this.ownsExecutor = true;
        this.onClose = onClose;
    }

    /** Schedules the loops on the executor. */
    public synchronized NotificationWorker start(int senders, Duration tick) {
        if (senders < 1) {
            throw new IllegalArgumentException("senders must be at least 1");
        }
        for (int i = 0; i < senders; i++) {
            loops.add(executor.scheduleWithFixedDelay(this::deliverSafely, 0, tick.toMillis(), TimeUnit.MILLISECONDS));
        }
        loops.add(executor.scheduleWithFixedDelay(this::sweepSafely, 0, SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS));
        loops.add(executor.scheduleWithFixedDelay(this::purgeSafely, PURGE_EVERY.toMillis(), PURGE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS));
        return this;
    }

    /** Sends until nothing is due (or a batch came back short); for tests and the loops. */
    public int drain() {
        int total = 0;
        int sent;
        do {
            sent = delivery.deliverDue(BATCH);
            total += sent;
        } while (sent == BATCH && !Thread.currentThread().isInterrupted());
        return total;
    }

    private void deliverSafely() {
        try {
            drain();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "notification delivery failed: " + e.getClass().getSimpleName());
        }
    }

    private void sweepSafely() {
        try {
            int announced = delivery.sweepStale(SWEEP_BATCH);
            if (announced > 0) {
                LOG.info("announced " + announced + " connection(s) that turned stale");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stale sweep failed: " + e.getClass().getSimpleName());
        }
    }

    private void purgeSafely() {
        try {
            delivery.purgeHistory();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "notification history purge failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Stops the loops; a delivery in flight finishes (its lease covers it, for up to 15 s) or is
     * taken up by another worker later. A worker the application started ends its threads.
     */
    @Override
    public synchronized void close() {
        loops.forEach(loop -> loop.cancel(false));
        loops.clear();
        if (ownsExecutor) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                    executor.awaitTermination(5, TimeUnit.SECONDS);
                }
                for (Thread thread : started) {
                    thread.join(TimeUnit.SECONDS.toMillis(5)); // an executor is terminated a moment before its threads end
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                executor.shutdownNow();
            }
        }
        onClose.run();
    }
}
