package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.application.port.out.Liveness;
import com.amdahl.connections.domain.sync.ErrorReason;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs the children of a parent stream (one channel's messages, one message id's message) at most
 * {@code concurrency} at a time. The calling thread checks the run's {@link Liveness} while they
 * run, and a check that throws (the run timed out or was reaped) stops the workers and is rethrown. The first child failure stops the rest and is returned; an exception a
 * child throws (a malformed page, an unreachable provider) is rethrown on the calling thread.
 * Concurrency 1 runs the children one after another on the calling thread.
 */
public final class Fanout {
    /** How often the calling thread checks the run's liveness while children run. */
    static final long BEAT_EVERY_MS = 200;
    private static final long STOP_WAIT_SECONDS = 10;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadFactory WORKERS = r -> {
        Thread t = new Thread(r, "stream-child-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    };

    private Fanout() {
    }

    public static <T> Optional<Failure> run(StreamRun run, List<T> children, int concurrency,
            Function<T, Optional<Failure>> child) {
        return run(run::checkAlive, children, concurrency, child);
    }

    /** As {@link #run(StreamRun, List, int, Function)}, with any liveness. */
    public static <T> Optional<Failure> run(Liveness liveness, List<T> children, int concurrency,
            Function<T, Optional<Failure>> child) {
        if (concurrency <= 1 || children.size() <= 1) {
            for (T item : children) {
                liveness.check();
                Optional<Failure> failure = child.apply(item);
                if (failure.isPresent()) {
                    return failure;
                }
            }
            return Optional.empty();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, children.size()), WORKERS);
        try {
            ExecutorCompletionService<Optional<Failure>> done = new ExecutorCompletionService<>(pool);
            for (T item : children) {
                done.submit(() -> child.apply(item));
            }
            for (int left = children.size(); left > 0; ) {
                liveness.check();
                Future<Optional<Failure>> next = done.poll(BEAT_EVERY_MS, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                left--;
                Optional<Failure> failure = outcome(next);
                if (failure.isPresent()) {
                    return failure;
                }
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new Failure(ErrorReason.TRANSIENT, 0, null));
        } finally {
            stop(pool);
        }
    }

    /** Cancels what has not run and waits for running children, so none writes after the stream's result. */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Failure> outcome(Future<Optional<Failure>> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException thrown) {
                throw thrown;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
