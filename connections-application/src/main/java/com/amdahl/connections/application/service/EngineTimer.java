package com.amdahl.connections.application.service;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The sync engine's one timer thread (heartbeats of running runs), started on first use from the
 * embedder's thread factory and stopped by {@link #close()}: the library leaves no thread behind.
 */
final class EngineTimer implements AutoCloseable {
    private final ThreadFactory threads;
    private ScheduledExecutorService timer;
    private volatile Thread thread;
    private boolean closed;

    EngineTimer(ThreadFactory threads) {
        this.threads = threads;
    }

    synchronized ScheduledExecutorService schedule() {
        if (closed) {
            throw new IllegalStateException("the sync engine is closed");
        }
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                thread = threads.newThread(r);
                thread.setName("connections-heartbeats");
                return thread;
            });
        }
        return timer;
    }

    @Override
    public void close() {
        ScheduledExecutorService stopping;
        Thread ending;
        synchronized (this) {
            closed = true;
            stopping = timer;
            ending = thread;
            timer = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(5, TimeUnit.SECONDS);
                if (ending != null) {
                    ending.join(TimeUnit.SECONDS.toMillis(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
