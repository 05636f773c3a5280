package com.amdahl.connections.domain.connection;

import static com.amdahl.connections.domain.connection.Connections.ALICE;
import static com.amdahl.connections.domain.connection.Connections.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.sync.TriggeredBy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of seeded random command sequences against the aggregate: whatever is tried, legal
 * or not, the connection never reaches an inconsistent state. A failure prints its seed.
 */
class ConnectionRandomSequencesTest {
    private static final int SEQUENCES = 3_000;
    private static final int STEPS = 60;
    private static final String[] TYPES = {"pipedrive", "hubspot", "gmail", "twitter"};

    @Test
    void no_sequence_of_commands_reaches_an_inconsistent_state() {
        long base = Long.getLong("sequences.seed", System.nanoTime());
        for (int i = 0; i < SEQUENCES; i++) {
            long seed = base + i;
            try {
                runSequence(seed);
            } catch (AssertionError failure) {
                throw new AssertionError("sequence failed; rerun with -Dsequences.seed=" + seed + ": "
                        + failure.getMessage(), failure);
            }
        }
    }

    private void runSequence(long seed) {
        Random random = new Random(seed);
        Connection connection = Connections.open(TYPES[random.nextInt(TYPES.length)], "c-" + seed);
        Map<RunId, SyncRun> runs = new LinkedHashMap<>();
        Instant now = T0;
        List<String> log = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            now = now.plusSeconds(1 + random.nextInt(600));
            int command = random.nextInt(14);
            ConnectionStatus before = connection.status();
            log.add(commandName(command) + "@" + before.wire());
            try {
                connection = apply(command, connection, runs, random, now);
            } catch (ConnectionsException refused) {
                // An illegal move: refusing is fine, as long as nothing changed.
            }
            checkInvariants(connection, runs, log);
            if (before == ConnectionStatus.DISCONNECTED && command != 5 && command != 6) {
                assertThat(connection.status()).as("only reconnect leaves disconnected: %s", log)
                        .isEqualTo(ConnectionStatus.DISCONNECTED);
            }
        }
    }

    private static String commandName(int command) {
        return new String[] {"dispatch", "begin", "finish", "reap", "disconnect", "reconnect", "reauthorize",
                "completeAuth", "failAuth", "pause", "resume", "rename", "rejectCredentials", "finishPartial"}[command];
    }

    private static Connection apply(int command, Connection c, Map<RunId, SyncRun> runs, Random random, Instant now) {
        SyncRun active = c.sync().activeRun() == null ? null : runs.get(c.sync().activeRun().runId());
        switch (command) {
            case 0 -> {
                RunStep step = c.dispatchRun(new RunId("r" + runs.size()), TriggeredBy.values()[random.nextInt(3)], now);
                runs.put(step.run().id(), step.run());
                return step.connection();
            }
            case 1, 2, 3, 13 -> {
                SyncRun target = active != null && random.nextInt(10) > 0 ? active : anyRun(runs, random);
                if (target == null) {
                    return c;
                }
                RunStep step = switch (command) {
                    case 1 -> c.beginRun(target, now);
                    case 2 -> c.finishRun(target, random.nextBoolean()
                            ? RunResult.of(List.of(StreamOutcome.succeeded("a", random.nextInt(100))))
                            : RunResult.failedOutright(ErrorReason.values()[random.nextInt(5)], "boom"), now);
                    case 3 -> c.reapLostRun(target, now);
                    default -> c.finishRun(target, RunResult.of(List.of(StreamOutcome.succeeded("a", 1),
                            StreamOutcome.failed("b", 0, ErrorReason.TRANSIENT, "500"))), now);
                };
                runs.put(step.run().id(), step.run());
                return step.connection();
            }
            case 4 -> {
                return c.disconnect(now);
            }
            case 5 -> {
                return c.reconnect(ALICE, null, now);
            }
            case 6 -> {
                return c.beginReauthorization(ALICE, now);
            }
            case 7 -> {
                return c.completeAuthorization(new AccountIdentity("acct", "label"), ALICE, now);
            }
            case 8 -> {
                return c.failAuthorization("denied", now);
            }
            case 9 -> {
                return c.pause(now);
            }
            case 10 -> {
                return c.resume(now);
            }
            case 11 -> {
                return c.rename("name " + random.nextInt(1000));
            }
            default -> {
                return c.rejectCredentials("invalid_grant");
            }
        }
    }

    private static SyncRun anyRun(Map<RunId, SyncRun> runs, Random random) {
        if (runs.isEmpty()) {
            return null;
        }
        List<SyncRun> all = new ArrayList<>(runs.values());
        return all.get(random.nextInt(all.size()));
    }

    private static void checkInvariants(Connection c, Map<RunId, SyncRun> runs, List<String> log) {
        List<SyncRun> inFlight = runs.values().stream().filter(r -> r.status().inFlight()).toList();
        List<SyncRun> running = runs.values().stream().filter(r -> r.status() == SyncRunStatus.RUNNING).toList();
        assertThat(inFlight).as("at most one run in flight: %s", log).hasSizeLessThanOrEqualTo(1);
        if (c.sync().activeRun() == null) {
            assertThat(inFlight).as("a run in flight holds the lock: %s", log).isEmpty();
        } else {
            assertThat(inFlight).as("the lock names the run in flight: %s", log).hasSize(1);
            assertThat(inFlight.get(0).id()).isEqualTo(c.sync().activeRun().runId());
            assertThat(c.sync().activeRun().running()).isEqualTo(inFlight.get(0).status() == SyncRunStatus.RUNNING);
        }
        assertThat(c.isSyncing()).as("is_syncing exactly while a run is running: %s", log).isEqualTo(!running.isEmpty());
        if (c.status() == ConnectionStatus.SYNCING) {
            assertThat(c.isSyncing()).as("syncing status needs a running run: %s", log).isTrue();
        }
        if (c.status() == ConnectionStatus.CONNECTED || c.status() == ConnectionStatus.SYNCING) {
            assertThat(c.lifecycle().connectedAt()).as("connected since a known time: %s", log).isNotNull();
        }
        for (SyncRun run : runs.values()) {
            assertThat(run.status().inFlight()).isEqualTo(run.finishedAt() == null);
        }
    }
}
