package com.amdahl.connections.application.service;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the sync engine uses besides its runners': one timer (heartbeats of running runs,
 * late outcomes) and the pool a puller runs a stream's children on ({@code PullRequest.children}),
 * each started on first use from the embedder's thread factory and stopped by {@link #close()}:
 * the library leaves no thread behind. Children are bounded by each fan-out (its concurrency)
 * times the runs executing at once; an idle child thread ends after a minute.
 */
final class EngineThreads implements AutoCloseable {
    private static final long CHILD_IDLE_SECONDS = 60;

    private final ThreadFactory threads;
    private final Set<Thread> started = ConcurrentHashMap.newKeySet();
    private final AtomicInteger childNumber = new AtomicInteger();
    private ScheduledExecutorService timer;
    private ExecutorService children;
    private boolean closed;

    EngineThreads(ThreadFactory threads) {
        this.threads = threads;
    }

    synchronized ScheduledExecutorService schedule() {
        requireOpen();
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(work -> named(work, "connections-heartbeats"));
        }
        return timer;
    }

    /** Where a run's puller runs the children of a stream at once. */
    synchronized ExecutorService children() {
        requireOpen();
        if (children == null) {
            ThreadFactory named = work -> named(work, "connections-sync-child-" + childNumber.incrementAndGet());
            children = new ThreadPoolExecutor(0, Integer.MAX_VALUE, CHILD_IDLE_SECONDS,
                    TimeUnit.SECONDS, new SynchronousQueue<>(), named);
        }
        return children;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the sync engine is closed");
        }
    }

    private Thread named(Runnable work, String name) {
        Thread thread = threads.newThread(work);
        thread.setName(name);
        started.removeIf(t -> t.getState() == Thread.State.TERMINATED); // idle children that ended
        started.add(thread);
        return thread;
    }

    @Override
    public void close() {
        ExecutorService[] stopping;
        synchronized (this) {
            closed = true;
            stopping = new ExecutorService[] {timer, children};
            timer = null;
            children = null;
        }
        try {
            for (ExecutorService executor : stopping) {
                if (executor != null) {
                    executor.shutdownNow();
                    executor.awaitTermination(5, TimeUnit.SECONDS);
                }
            }
            for (Thread thread : started) {
                thread.join(TimeUnit.SECONDS.toMillis(5)); // an executor is terminated a moment before its threads end
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
