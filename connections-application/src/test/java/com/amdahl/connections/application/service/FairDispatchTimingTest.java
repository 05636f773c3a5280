package com.amdahl.connections.application.service;

import static com.amdahl.connections.application.service.ConnectFlowsTest.apiKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.SyncEngineRunner;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.workspace.ConnectionId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 25, on the real loop: with 500 connections due in one workspace and every run of it slow,
 * a small workspace's new connection starts within one tick plus one run slot, and the big
 * workspace never runs more than its cap.
 */
class FairDispatchTimingTest {
    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration RUN = Duration.ofMillis(300);

    @Test
    void a_small_tenant_starts_within_one_tick_and_one_run_while_a_big_one_has_500_due() throws Exception {
        InMemoryPorts ports = new InMemoryPorts();
        Principal big = ports.admin("big", "alice");
        for (int i = 0; i < 500; i++) {
            ports.app.connect().connect(big, apiKey("pipedrive", "good"));
        }
        AtomicInteger bigMax = new AtomicInteger();
        Map<String, Long> firstPull = new ConcurrentHashMap<>();
        ports.puller.recordsPerStream = 1;
        ports.puller.onPull = request -> {
            if (request.workspaceId().equals(big.workspaceId())) {
                bigMax.accumulateAndGet(ports.storage.schedulingQueries.runningIn(big.workspaceId()), Math::max);
                sleep(RUN.dividedBy(2)); // two streams: one run takes RUN
            } else {
                firstPull.putIfAbsent(request.connectionId().value(), System.nanoTime());
            }
        };
        List<Long> delaysMillis = new ArrayList<>();
        try (SyncEngineRunner runner = ports.app.startSyncEngine(new SyncEngineRunner.Options(true, 4, TICK))) {
            sleep(RUN.multipliedBy(2)); // the big workspace fills its cap
            for (int trial = 0; trial < 20; trial++) {
                Principal small = ports.admin("small-" + trial, "bob");
                long connected = System.nanoTime();
                ConnectionId id = ports.app.connect().connect(small, apiKey("pipedrive", "good")).connection().connection().id();
                long deadline = connected + Duration.ofSeconds(5).toNanos();
                while (!firstPull.containsKey(id.value()) && System.nanoTime() < deadline) {
                    sleep(Duration.ofMillis(5));
                }
                assertThat(firstPull).containsKey(id.value());
                delaysMillis.add(Duration.ofNanos(firstPull.get(id.value()) - connected).toMillis());
            }
        }
        Collections.sort(delaysMillis);
        long p99 = delaysMillis.get(delaysMillis.size() - 1);
        System.out.println("small tenant dispatch delay over 20 trials: median " + delaysMillis.get(10)
                + " ms, max (p99) " + p99 + " ms; tick " + TICK.toMillis() + " ms, run " + RUN.toMillis() + " ms");
        assertThat(p99).isLessThanOrEqualTo(TICK.plus(RUN).toMillis());
        assertThat(bigMax.get()).as("the big workspace's cap (2) holds").isLessThanOrEqualTo(2).isPositive();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
