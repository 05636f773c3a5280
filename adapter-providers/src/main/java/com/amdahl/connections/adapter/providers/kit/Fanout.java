package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.application.port.out.Liveness;
import com.amdahl.connections.domain.sync.ErrorReason;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs the children of a parent stream (one channel's messages, one message id's message) at most
 * {@code concurrency} at a time, on the executor the engine hands in with the pull
 * ({@code PullRequest.children}): the kit starts no thread of its own. The calling thread checks
 * the run's {@link Liveness} while they run, and a check that throws (the run timed out or was
 * reaped) stops the children and is rethrown. The first child failure stops the rest and is
 * returned; an exception a child throws (a malformed page, an unreachable provider) is rethrown on
 * the calling thread. Concurrency 1 runs the children one after another on the calling thread.
 */
public final class Fanout {
    /** How often the calling thread checks the run's liveness while children run. */
    static final long BEAT_EVERY_MS = 200;
    private static final long STOP_WAIT_SECONDS = 10;

    private Fanout() {
    }

    public static <T> Optional<Failure> run(StreamRun run, List<T> children, int concurrency,
            Function<T, Optional<Failure>> child) {
        return run(run::checkAlive, run.children(), children, concurrency, child);
    }

    /** As {@link #run(StreamRun, List, int, Function)}, with any liveness and executor. */
    public static <T> Optional<Failure> run(Liveness liveness, Executor workers, List<T> children, int concurrency,
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
        return new Window<>(workers, child).run(liveness, children, Math.min(concurrency, children.size()));
    }

    /** What one child came to: its failure (or none), or what it threw. */
    private record Done(Optional<Failure> failure, Throwable thrown) {
        static final Done SKIPPED = new Done(Optional.empty(), null);
    }

    /** At most {@code width} children submitted at once; the next is submitted when one finishes. */
    private static final class Window<T> {
        private final Executor workers;
        private final Function<T, Optional<Failure>> child;
        private final BlockingQueue<Done> done = new LinkedBlockingQueue<>();
        private final Set<Thread> running = new HashSet<>(); // guarded by this
        private boolean stopping; // guarded by this
        private int inFlight; // the calling thread's count of submitted children not yet done

        Window(Executor workers, Function<T, Optional<Failure>> child) {
            this.workers = workers;
            this.child = child;
        }

        Optional<Failure> run(Liveness liveness, List<T> children, int width) {
            Iterator<T> next = children.iterator();
            try {
                while (inFlight < width && next.hasNext()) {
                    submit(next.next());
                }
                while (inFlight > 0) {
                    liveness.check();
                    Done finished = done.poll(BEAT_EVERY_MS, TimeUnit.MILLISECONDS);
                    if (finished == null) {
                        continue;
                    }
                    inFlight--;
                    rethrow(finished.thrown());
                    if (finished.failure().isPresent()) {
                        return finished.failure();
                    }
                    if (next.hasNext()) {
                        submit(next.next());
                    }
                }
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(new Failure(ErrorReason.TRANSIENT, 0, null));
            } finally {
                stop();
            }
        }

        private void submit(T item) {
            inFlight++;
            try {
                workers.execute(() -> runChild(item));
            } catch (RuntimeException refused) { // the engine is closing
                inFlight--;
                throw refused;
            }
        }

        private void runChild(T item) {
            synchronized (this) {
                if (stopping) {
                    done.add(Done.SKIPPED);
                    return;
                }
                running.add(Thread.currentThread());
            }
            Done result;
            try {
                result = new Done(child.apply(item), null);
            } catch (Throwable thrown) {
                result = new Done(Optional.empty(), thrown);
            } finally {
                synchronized (this) {
                    running.remove(Thread.currentThread());
                }
                Thread.interrupted(); // a stop's interrupt is for this child, not for the pool thread's next task
            }
            done.add(result);
        }

        /** Interrupts running children, skips those not started, and waits for them, so none writes after the stream's result. */
        private void stop() {
            synchronized (this) {
                stopping = true;
                running.forEach(Thread::interrupt);
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
            try {
                while (inFlight > 0) {
                    if (done.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS) == null) {
                        return;
                    }
                    inFlight--;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void rethrow(Throwable thrown) {
            if (thrown == null) {
                return;
            }
            if (thrown instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (thrown instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(thrown);
        }
    }
}
