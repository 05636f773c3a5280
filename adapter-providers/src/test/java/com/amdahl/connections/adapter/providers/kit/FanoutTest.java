package com.amdahl.connections.adapter.providers.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.domain.sync.ErrorReason;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Children of a parent stream: bounded concurrency, liveness checked from the calling thread, the first failure wins. */
class FanoutTest {
    private static final List<Integer> EIGHT = IntStream.range(0, 8).boxed().toList();
    private static final ExecutorService POOL = Executors.newCachedThreadPool();

    @AfterAll
    static void stopThePool() {
        POOL.shutdownNow();
    }

    @Test
    void children_run_as_many_at_once_as_allowed_and_never_more() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CyclicBarrier fourAtOnce = new CyclicBarrier(4);
        Optional<Failure> result = Fanout.run(() -> { }, POOL, EIGHT, 4, i -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                fourAtOnce.await(10, TimeUnit.SECONDS); // only passes when four children run together
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            inFlight.decrementAndGet();
            return Optional.empty();
        });
        assertThat(result).isEmpty();
        assertThat(most.get()).isEqualTo(4);
    }

    @Test
    void concurrency_one_runs_children_in_order_on_the_calling_thread() {
        List<Integer> seen = new java.util.ArrayList<>();
        Thread caller = Thread.currentThread();
        Fanout.run(() -> { }, POOL, EIGHT, 1, i -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            seen.add(i);
            return Optional.empty();
        });
        assertThat(seen).containsExactlyElementsOf(EIGHT);
    }

    @Test
    void the_calling_thread_checks_liveness_while_children_run() {
        CountDownLatch beats = new CountDownLatch(3);
        Set<Thread> beaters = ConcurrentHashMap.newKeySet();
        Thread caller = Thread.currentThread();
        Optional<Failure> result = Fanout.run(() -> {
            beaters.add(Thread.currentThread());
            beats.countDown();
        }, POOL, EIGHT, 2, i -> {
            try {
                assertThat(beats.await(10, TimeUnit.SECONDS)).isTrue(); // children wait until the run has beaten three times
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return Optional.empty();
        });
        assertThat(result).isEmpty();
        assertThat(beaters).containsExactly(caller);
    }

    @Test
    void the_first_failure_stops_the_rest_and_a_lost_lease_is_rethrown() {
        AtomicInteger started = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        Failure limited = new Failure(ErrorReason.RATE_LIMIT, 429, null);
        Optional<Failure> result = Fanout.run(() -> { }, POOL, IntStream.range(0, 200).boxed().toList(), 2, i -> {
            started.incrementAndGet();
            if (i == 0) {
                return Optional.of(limited);
            }
            try {
                never.await(30, TimeUnit.SECONDS); // runs until the failure stops it (interrupted)
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        });
        assertThat(result).contains(limited);
        assertThat(started.get()).isLessThan(200);

        IllegalStateException lost = new IllegalStateException("lease lost");
        assertThatThrownBy(() -> Fanout.run(() -> {
            throw lost;
        }, POOL, EIGHT, 2, i -> Optional.empty())).isSameAs(lost);
        assertThatThrownBy(() -> Fanout.run(() -> { }, POOL, EIGHT, 2, i -> {
            throw new MalformedPage();
        })).isInstanceOf(MalformedPage.class);
    }
}
