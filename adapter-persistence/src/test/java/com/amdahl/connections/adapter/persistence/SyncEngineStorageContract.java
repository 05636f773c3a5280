package com.amdahl.connections.adapter.persistence;

import static com.amdahl.connections.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.port.out.RecordSink.SyncedRecord;
import com.amdahl.connections.application.port.out.SchedulingQueries.ConnectionRef;
import com.amdahl.connections.application.port.out.SchedulingQueries.InFlight;
import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.RunStep;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RecordCounts;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the sync engine's storage must do: due candidates, expired leases, pending runs, retention, records, cursors. */
abstract class SyncEngineStorageContract extends DatabaseContract {
    private static final Duration HOUR = Duration.ofHours(1);

    private Connection stored(Connection connection) {
        adapter.connections().insert(connection);
        return adapter.connections().find(connection.workspaceId(), connection.id()).orElseThrow();
    }

    /** Dispatches a run at {@code at} (stored) and starts it (not stored yet). */
    private RunStep begunAt(Connection connection, Instant at) {
        RunStep dispatched = connection.dispatchRun(new RunId(Fixtures.newId("r")), TriggeredBy.SCHEDULE, at);
        adapter.runs().insert(dispatched.run());
        return dispatched.connection().beginRun(dispatched.run(), at);
    }

    /** Dispatches, starts and finishes a run at {@code at}; returns the connection as stored. */
    private Connection ranAt(Connection connection, Instant at) {
        RunStep begun = begunAt(connection, at);
        RunStep finished = begun.connection().finishRun(begun.run(),
                RunResult.of(List.of(StreamOutcome.succeeded("deals", 1))), at.plusSeconds(1));
        adapter.runs().update(finished.run());
        return adapter.connections().update(finished.connection());
    }

    private List<ConnectionId> dueHere(Map<String, Instant> cutoffs) {
        return adapter.schedulingQueries().findDueCandidates(cutoffs, 1000).stream()
                .filter(ref -> ref.workspaceId().equals(workspace)).map(ConnectionRef::connectionId).toList();
    }

    @Test
    void due_candidates_are_connected_idle_and_past_their_cutoff_or_never_synced() {
        Connection fresh = stored(Fixtures.pipedrive(workspace, T0));
        Connection synced = ranAt(stored(Fixtures.pipedrive(workspace, T0)), T0.plus(HOUR));
        Connection pending = stored(Fixtures.hubspot(workspace, T0));
        Connection paused = adapter.connections().update(stored(Fixtures.pipedrive(workspace, T0)).pause(T0));
        Connection reauth = adapter.connections().update(
                stored(Fixtures.pipedrive(workspace, T0)).rejectCredentials("invalid_grant"));
        Connection inFlight = stored(Fixtures.pipedrive(workspace, T0));
        RunStep dispatched = inFlight.dispatchRun(new RunId(Fixtures.newId("r")), TriggeredBy.MANUAL, T0);
        adapter.runs().insert(dispatched.run());
        adapter.connections().update(dispatched.connection());

        Instant now = T0.plus(HOUR).plus(Duration.ofMinutes(30));
        assertThat(dueHere(Map.of("pipedrive", now.minus(HOUR), "hubspot", now.minus(HOUR))))
                .containsExactly(fresh.id());
        assertThat(dueHere(Map.of("pipedrive", T0.plus(HOUR)))).as("the cutoff is inclusive")
                .containsExactlyInAnyOrder(fresh.id(), synced.id());
        assertThat(dueHere(Map.of("hubspot", now))).isEmpty();
        assertThat(List.of(pending.id(), paused.id(), reauth.id())).doesNotContainAnyElementsOf(
                dueHere(Map.of("pipedrive", now, "hubspot", now)));
    }

    @Test
    void demo_data_is_stored_as_such_and_never_a_due_candidate() {
        Connection real = Fixtures.pipedrive(workspace, T0);
        Connection demo = stored(Connection.restore(real.id(), real.workspaceId(), real.connectorType(), real.createdAt(),
                real.connectedByUserId(), real.profile().asSample(), real.lifecycle(), real.sync(), real.version()));
        Connection other = stored(Fixtures.pipedrive(workspace, T0));
        assertThat(demo.profile().sample()).isTrue();
        assertThat(adapter.connections().update(demo.rename("Still demo")).profile().sample()).isTrue();
        assertThat(other.profile().sample()).isFalse();
        assertThat(dueHere(Map.of("pipedrive", T0.plus(HOUR)))).containsExactly(other.id());
    }

    @Test
    void a_reconnected_connection_is_due_at_once_whatever_its_last_dispatch() {
        Connection synced = ranAt(stored(Fixtures.pipedrive(workspace, T0)), T0);
        Connection disconnected = adapter.connections().update(synced.disconnect(T0.plusSeconds(10)));
        adapter.connections().update(disconnected.reconnect(Fixtures.ADMIN, new AccountIdentity("x", "y"), T0.plusSeconds(20)));
        assertThat(dueHere(Map.of("pipedrive", T0.minus(HOUR)))).containsExactly(synced.id());
    }

    @Test
    void expired_and_pending_runs_are_found_across_workspaces() {
        Connection running = stored(Fixtures.pipedrive(workspace, T0));
        RunStep begun = begunAt(running, T0);
        adapter.runs().update(begun.run());
        adapter.connections().update(begun.connection());
        Connection waiting = stored(Fixtures.pipedrive(workspace, T0));
        RunStep queued = waiting.dispatchRun(new RunId(Fixtures.newId("r")), TriggeredBy.MANUAL, T0.plusSeconds(5));
        adapter.runs().insert(queued.run());
        adapter.connections().update(queued.connection());

        List<RunId> expired = adapter.schedulingQueries().findExpiredRuns(T0.plusSeconds(1), T0.plusSeconds(6), 100)
                .stream().map(RunRef::runId).toList();
        assertThat(expired).contains(begun.run().id(), queued.run().id());
        assertThat(adapter.schedulingQueries().findExpiredRuns(T0, T0, 100)).extracting(RunRef::runId)
                .doesNotContain(begun.run().id(), queued.run().id());
        assertThat(adapter.schedulingQueries().findPendingRuns(1000)).extracting(RunRef::runId)
                .contains(queued.run().id()).doesNotContain(begun.run().id());
    }

    @Test
    void due_candidates_and_pending_runs_take_turns_across_workspaces_and_keep_to_the_cap() {
        WorkspaceId small = Fixtures.newWorkspace(adapter);
        for (int i = 0; i < 5; i++) {
            stored(Fixtures.pipedrive(workspace, T0));
        }
        Connection lone = stored(Fixtures.pipedrive(small, T0));
        Set<WorkspaceId> ours = Set.of(workspace, small);
        Map<String, Instant> cutoffs = Map.of("pipedrive", T0.plus(HOUR));

        List<ConnectionRef> fair = adapter.schedulingQueries().findDueCandidates(cutoffs, Set.of(), 2, 10_000, null).stream()
                .filter(ref -> ours.contains(ref.workspaceId())).toList();
        assertThat(fair).extracting(ConnectionRef::workspaceId).containsExactlyInAnyOrder(workspace, workspace, small);
        assertThat(fair.subList(0, 2)).extracting(ConnectionRef::workspaceId).as("first round: one of each")
                .containsExactlyInAnyOrder(workspace, small);
        assertThat(adapter.schedulingQueries().findDueCandidates(cutoffs, Set.of(workspace), 2, 10_000, null))
                .extracting(ConnectionRef::workspaceId).doesNotContain(workspace).contains(small);

        List<RunId> pending = new java.util.ArrayList<>();
        for (ConnectionRef ref : adapter.schedulingQueries().findDueCandidates(cutoffs, Set.of(), 5, 10_000, null)) {
            if (!ours.contains(ref.workspaceId())) {
                continue;
            }
            Connection c = adapter.connections().find(ref.workspaceId(), ref.connectionId()).orElseThrow();
            RunStep step = c.dispatchRun(new RunId(Fixtures.newId("r")), TriggeredBy.SCHEDULE,
                    T0.plusSeconds(pending.size()));
            adapter.runs().insert(step.run());
            adapter.connections().update(step.connection());
            if (ref.workspaceId().equals(workspace)) {
                pending.add(step.run().id());
            }
        }
        var first = adapter.runs().find(workspace, pending.get(0)).orElseThrow();
        RunStep started = adapter.connections().find(workspace, first.connectionId()).orElseThrow().beginRun(first, T0);
        adapter.runs().update(started.run());
        adapter.connections().update(started.connection());

        assertThat(adapter.schedulingQueries().runsInFlight()).containsEntry(workspace, new InFlight(4, 1))
                .containsEntry(small, new InFlight(1, 0));
        assertThat(adapter.schedulingQueries().runningIn(workspace)).isEqualTo(1);
        assertThat(adapter.schedulingQueries().runningIn(small)).isZero();
        List<RunRef> startable = adapter.schedulingQueries().findPendingRuns(Set.of(), 2, 10_000).stream()
                .filter(ref -> ours.contains(ref.workspaceId())).toList();
        assertThat(startable).extracting(RunRef::workspaceId).containsExactlyInAnyOrder(workspace, workspace, small);
        assertThat(startable.subList(0, 2)).extracting(RunRef::workspaceId).containsExactlyInAnyOrder(workspace, small);
        assertThat(adapter.schedulingQueries().findPendingRuns(Set.of(workspace), 2, 10_000))
                .extracting(RunRef::workspaceId).doesNotContain(workspace);
        assertThat(lone.workspaceId()).isEqualTo(small);
    }

    @Test
    void a_connection_held_by_its_providers_rate_limit_is_no_candidate_before_the_reset() {
        Connection c = stored(Fixtures.pipedrive(workspace, T0));
        RunStep begun = begunAt(c, T0);
        Instant reset = T0.plus(Duration.ofHours(2));
        RunStep finished = begun.connection().finishRun(begun.run(), RunResult.of(List.of(StreamOutcome.failed("deals", 0,
                ErrorReason.RATE_LIMIT, "limit"))).withRetryNotBefore(reset), T0.plusSeconds(1));
        adapter.runs().update(finished.run());
        adapter.connections().update(finished.connection());
        assertThat(adapter.connections().find(workspace, c.id()).orElseThrow().sync().lastOutcome().notBefore())
                .isEqualTo(reset);

        Map<String, Instant> cutoffs = Map.of("pipedrive", T0.plus(HOUR));
        java.util.function.Function<Instant, List<ConnectionId>> dueAt = now -> adapter.schedulingQueries()
                .findDueCandidates(cutoffs, Set.of(), 10, 10_000, now).stream()
                .filter(ref -> ref.workspaceId().equals(workspace)).map(ConnectionRef::connectionId).toList();
        assertThat(dueAt.apply(reset.minusSeconds(1))).doesNotContain(c.id());
        assertThat(dueAt.apply(reset)).containsExactly(c.id());
    }

    @Test
    void retention_keeps_the_newest_runs_of_each_connection_and_everything_recent() {
        Connection c = stored(Fixtures.pipedrive(workspace, T0));
        for (int i = 0; i < 8; i++) {
            c = ranAt(c, T0.plus(HOUR.multipliedBy(i)));
        }
        Instant cutoff = T0.plus(HOUR.multipliedBy(6));
        int deleted = 0;
        int batch;
        do {
            batch = adapter.schedulingQueries().deleteOldRuns(cutoff, 3, 2);
            deleted += batch;
        } while (batch == 2);
        assertThat(adapter.runs().listRecent(workspace, c.id(), 100)).hasSize(3);
        assertThat(deleted).isGreaterThanOrEqualTo(5);
    }

    @Test
    void records_are_kept_by_stream_and_external_id_and_an_unchanged_payload_writes_nothing() {
        Connection c = stored(Fixtures.pipedrive(workspace, T0));
        var sink = adapter.recordSink();
        assertThat(sink.write(workspace, c.id(), "deals", List.of(new SyncedRecord("1", "{\"v\":1}"),
                new SyncedRecord("2", "{\"v\":2}")))).isEqualTo(new RecordCounts(2, 0, 0, 0, 0));
        Map<String, Object> twoBefore = row(c.id(), "deals", "2");
        assertThat(sink.write(workspace, c.id(), "deals", List.of(new SyncedRecord("1", "{\"v\":3}"),
                new SyncedRecord("2", "{\"v\":2}")))).isEqualTo(new RecordCounts(0, 1, 0, 1, 0));
        assertThat(row(c.id(), "deals", "2")).as("an unchanged record is not written").isEqualTo(twoBefore);
        Map<String, Object> one = row(c.id(), "deals", "1");
        assertThat(one.get("last_action")).isEqualTo("updated");
        assertThat((Long) one.get("change_seq")).as("a change moves the record past the others")
                .isGreaterThan((Long) twoBefore.get("change_seq"));
        assertThat(sink.write(workspace, c.id(), "persons", List.of(new SyncedRecord("1", "{}"))).added()).isEqualTo(1);
        assertThat(sink.write(workspace, c.id(), "deals", List.of())).isEqualTo(RecordCounts.NONE);
        assertThat(sink.write(workspace, c.id(), "deals", List.of(new SyncedRecord("3", "{}"), new SyncedRecord("3", "{}"))))
                .as("one row per id in a page").isEqualTo(new RecordCounts(1, 0, 0, 1, 0));
        Map<String, String> deals = adapter.unitOfWork().inTransaction(() -> recordsOf(c.id(), "deals"));
        assertThat(deals).containsExactlyInAnyOrderEntriesOf(Map.of("1", "{\"v\":3}", "2", "{\"v\":2}", "3", "{}"));
        assertThat(List.of(row(c.id(), "deals", "2"), row(c.id(), "deals", "1"), row(c.id(), "persons", "1"),
                row(c.id(), "deals", "3"))).extracting(r -> (Long) r.get("change_seq"))
                .as("positions follow the order the changes were committed").isSorted().doesNotHaveDuplicates();
    }

    @Test
    void a_five_megabyte_record_is_stored_whole_and_one_over_the_bound_is_skipped_and_counted() {
        Connection c = stored(Fixtures.pipedrive(workspace, T0));
        String big = "{\"body\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        assertThat(adapter.recordSink().write(workspace, c.id(), "messages", List.of(new SyncedRecord("m-1", big))).added())
                .isEqualTo(1);
        assertThat(recordsOf(c.id(), "messages").get("m-1")).isEqualTo(big);
        var bounded = adapter.recordSink(1024);
        assertThat(bounded.write(workspace, c.id(), "messages", List.of(new SyncedRecord("m-2", big),
                new SyncedRecord("m-3", "{}")))).isEqualTo(new RecordCounts(1, 0, 0, 0, 1));
        assertThat(recordsOf(c.id(), "messages")).containsOnlyKeys("m-1", "m-3");
    }

    /**
     * The property the change feed rests on: a reader that pages by position, as fast as it can,
     * while writers of one connection race, never skips a change — at the end it has seen every
     * record at its final position. (A position handed out before the lock would let a change
     * commit below a position the reader had already passed.)
     */
    @Test
    void a_reader_paging_by_position_while_writers_race_sees_every_record_at_its_final_position() throws Exception {
        Connection c = stored(Fixtures.pipedrive(workspace, T0));
        var sink = adapter.recordSink();
        int writers = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.Random seed = new java.util.Random(20261206L);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String stream = "s" + (w % 2); // two writers share each stream: the same ids change under both
            long writerSeed = seed.nextLong();
            done.add(pool.submit(() -> {
                java.util.Random random = new java.util.Random(writerSeed);
                for (int page = 0; page < 40; page++) {
                    List<SyncedRecord> records = new java.util.ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        records.add(new SyncedRecord("r" + random.nextInt(60), "{\"v\":" + random.nextInt(3) + "}"));
                    }
                    sink.write(workspace, c.id(), stream, records);
                }
                return null;
            }));
        }
        Map<String, Long> seen = new java.util.HashMap<>();
        long[] cursor = {0};
        Runnable readAll = () -> {
            try (var handle = org.jdbi.v3.core.Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password()).open()) {
                int read;
                do {
                    List<Map.Entry<String, Long>> page = handle.createQuery("SELECT stream, external_id, change_seq"
                                    + " FROM synced_records WHERE connection_id = :c AND change_seq > :after"
                                    + " ORDER BY change_seq LIMIT 25")
                            .bind("c", c.id().value()).bind("after", cursor[0])
                            .map((rs, ctx) -> Map.entry(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3))).list();
                    for (Map.Entry<String, Long> change : page) {
                        seen.put(change.getKey(), change.getValue());
                        cursor[0] = change.getValue();
                    }
                    read = page.size();
                } while (read > 0);
            }
        };
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                readAll.run();
            }
        });
        reader.start();
        for (java.util.concurrent.Future<?> writer : done) {
            writer.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        writing.set(false);
        reader.join(30_000);
        pool.shutdown();
        readAll.run(); // what committed after the reader's last pass
        Map<String, Long> finalPositions = new java.util.HashMap<>();
        try (var handle = org.jdbi.v3.core.Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password()).open()) {
            handle.createQuery("SELECT stream, external_id, change_seq FROM synced_records WHERE connection_id = :c")
                    .bind("c", c.id().value())
                    .map((rs, ctx) -> Map.entry(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3)))
                    .forEach(e -> finalPositions.put(e.getKey(), e.getValue()));
        }
        assertThat(finalPositions).hasSizeGreaterThan(100);
        assertThat(seen).isEqualTo(finalPositions);
    }

    /**
     * The same property through the feed port, with two instances (two adapters, each its own pool)
     * writing: every write carries a payload never written before, so each one is a real change; a
     * reader paging the feed as fast as it can sees positions only rise and ends with exactly the
     * final state (every record with its last payload, action and position).
     */
    @Test
    void a_feed_reader_racing_two_instances_ends_with_exactly_the_final_state() throws Exception {
        Connection c = stored(Fixtures.pipedrive(workspace, T0));
        java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
        try (PersistenceAdapter other = PersistenceAdapter.open(settings)) {
            List<com.amdahl.connections.application.port.out.RecordSink> sinks = List.of(adapter.recordSink(),
                    other.recordSink(), adapter.recordSink(), other.recordSink());
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(sinks.size());
            List<java.util.concurrent.Future<?>> writers = new java.util.ArrayList<>();
            java.util.Random seed = new java.util.Random(20261207L);
            for (int w = 0; w < sinks.size(); w++) {
                var sink = sinks.get(w);
                String stream = "s" + (w % 2);
                long writerSeed = seed.nextLong();
                writers.add(pool.submit(() -> {
                    java.util.Random random = new java.util.Random(writerSeed);
                    for (int page = 0; page < 30; page++) {
                        Map<String, SyncedRecord> records = new java.util.LinkedHashMap<>();
                        for (int i = 0; i < 10; i++) {
                            String id = "r" + random.nextInt(50);
                            records.put(id, new SyncedRecord(id, "{\"v\":" + version.incrementAndGet() + "}"));
                        }
                        sink.write(workspace, c.id(), stream, List.copyOf(records.values()));
                    }
                    return null;
                }));
            }
            var feed = other.recordFeed();
            Map<String, String> seen = new java.util.HashMap<>();
            var at = new java.util.concurrent.atomic.AtomicReference<>(com.amdahl.connections.application.port.out.RecordFeed.Position.START);
            List<Long> positions = new java.util.ArrayList<>();
            Runnable readOn = () -> {
                List<com.amdahl.connections.application.port.out.RecordFeed.StoredRecord> page;
                do {
                    page = feed.changesAfter(workspace, c.id(), null, at.get(), 25);
                    for (var record : page) {
                        seen.put(record.stream() + "/" + record.externalId(), record.action() + " " + record.payloadJson()
                                + " @" + record.position().seq());
                        positions.add(record.position().seq());
                        at.set(record.position());
                    }
                } while (!page.isEmpty());
            };
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread reader = new Thread(() -> {
                while (writing.get()) {
                    readOn.run();
                }
            });
            reader.start();
            for (java.util.concurrent.Future<?> writer : writers) {
                writer.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            writing.set(false);
            reader.join(30_000);
            pool.shutdown();
            readOn.run(); // what committed after the reader's last pass
            Map<String, String> finalState = new java.util.HashMap<>();
            for (var record : adapter.recordFeed().changesAfter(workspace, c.id(), null,
                    com.amdahl.connections.application.port.out.RecordFeed.Position.START, 10_000)) {
                finalState.put(record.stream() + "/" + record.externalId(), record.action() + " " + record.payloadJson()
                        + " @" + record.position().seq());
            }
            assertThat(finalState).hasSize(100);
            assertThat(seen).isEqualTo(finalState);
            assertThat(positions).as("positions only rise").isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void a_delete_takes_the_next_position_keeps_the_payload_and_a_later_write_brings_it_back() {
        Connection c = stored(Fixtures.pipedrive(workspace, T0));
        var sink = adapter.recordSink();
        sink.write(workspace, c.id(), "persons", List.of(new SyncedRecord("1", "{\"n\":1}"),
                new SyncedRecord("2", "{\"n\":2}")));
        var said = Instant.parse("2026-11-30T08:00:00Z");
        assertThat(sink.delete(workspace, c.id(), "persons", List.of(
                new com.amdahl.connections.application.port.out.RecordSink.DeletedRecord("2", said),
                new com.amdahl.connections.application.port.out.RecordSink.DeletedRecord("9", null))))
                .as("one deleted; an id never stored changes nothing").isEqualTo(new RecordCounts(0, 0, 1, 1, 0));
        assertThat(row(c.id(), "persons", "2")).containsEntry("last_action", "deleted").containsEntry("change_seq", 3L);
        var feedRow = adapter.recordFeed().changesAfter(workspace, c.id(), "persons",
                com.amdahl.connections.application.port.out.RecordFeed.Position.START, 10).get(1);
        assertThat(feedRow.deletedAt()).as("the provider's time").isEqualTo(said);
        assertThat(feedRow.payloadJson()).isEqualTo("{\"n\":2}");
        assertThat(sink.delete(workspace, c.id(), "persons", List.of(
                new com.amdahl.connections.application.port.out.RecordSink.DeletedRecord("2", null))).unchanged())
                .as("already deleted").isEqualTo(1);
        assertThat(sink.write(workspace, c.id(), "persons", List.of(new SyncedRecord("2", "{\"n\":2}"))).updated())
                .as("listed again: back, as a change").isEqualTo(1);
        assertThat(row(c.id(), "persons", "2")).containsEntry("last_action", "updated").containsEntry("change_seq", 4L);
    }

    @Test
    void reconciliation_state_round_trips_per_stream_and_workspace() {
        Connection c = stored(Fixtures.pipedrive(workspace, T0));
        adapter.recordSink().write(workspace, c.id(), "persons", List.of(new SyncedRecord("1", "{}"),
                new SyncedRecord("2", "{}"), new SyncedRecord("3", "{}")));
        adapter.recordSink().delete(workspace, c.id(), "persons",
                List.of(new com.amdahl.connections.application.port.out.RecordSink.DeletedRecord("3", null)));
        var reconciliations = adapter.recordReconciliations();
        List<String> live = new java.util.ArrayList<>();
        assertThat(reconciliations.eachLiveId(workspace, c.id(), "persons", live::add)).isEqualTo(2);
        assertThat(live).containsExactlyInAnyOrder("1", "2");
        live.clear();
        assertThat(reconciliations.eachLiveId(Fixtures.newWorkspace(adapter), c.id(), "persons", live::add)).isZero();
        assertThat(live).isEmpty();
        assertThat(reconciliations.livePayloads(workspace, c.id(), "persons", List.of("1", "3", "9")))
                .as("live ones only, by id").isEqualTo(java.util.Map.of("1", "{}"));
        assertThat(reconciliations.livePayloads(Fixtures.newWorkspace(adapter), c.id(), "persons", List.of("1"))).isEmpty();
        assertThat(reconciliations.livePayloads(workspace, c.id(), "deals", List.of("1"))).isEmpty();
        assertThat(reconciliations.livePayloads(workspace, c.id(), "persons", List.of())).isEmpty();
        var none = com.amdahl.connections.application.port.out.RecordReconciliations.State.NONE;
        assertThat(reconciliations.state(workspace, c.id(), "persons")).isEqualTo(none);

        reconciliations.save(workspace, c.id(), "persons", java.util.Set.of("1", "2"), 2, T0);
        assertThat(reconciliations.confirmHeld(workspace, c.id())).isEqualTo(1);
        var state = reconciliations.state(workspace, c.id(), "persons");
        assertThat(state.missing()).containsExactlyInAnyOrder("1", "2");
        assertThat(state.deletesHeld()).isEqualTo(2);
        assertThat(state.confirmed()).isTrue();
        assertThat(state.lastFullPassAt()).isEqualTo(T0);
        assertThat(reconciliations.state(workspace, c.id(), "deals")).isEqualTo(none);
        assertThat(reconciliations.state(Fixtures.newWorkspace(adapter), c.id(), "persons")).isEqualTo(none);

        reconciliations.save(workspace, c.id(), "persons", java.util.Set.of("2"), 0, T0.plus(HOUR));
        state = reconciliations.state(workspace, c.id(), "persons");
        assertThat(state.missing()).containsExactly("2");
        assertThat(state.confirmed()).as("a confirmation holds for one pass").isFalse();
        assertThat(reconciliations.confirmHeld(workspace, c.id())).as("nothing held").isZero();
    }

    @Test
    void retention_drops_old_deleted_payloads_and_keeps_their_tombstones_where_they_were() {
        Connection c = stored(Fixtures.pipedrive(workspace, T0));
        var sink = adapter.recordSink();
        sink.write(workspace, c.id(), "persons", List.of(new SyncedRecord("1", "{}"), new SyncedRecord("2", "{}"),
                new SyncedRecord("3", "{}")));
        sink.delete(workspace, c.id(), "persons", List.of(
                new com.amdahl.connections.application.port.out.RecordSink.DeletedRecord("1", T0),
                new com.amdahl.connections.application.port.out.RecordSink.DeletedRecord("2", T0.plus(HOUR.multipliedBy(48)))));
        var purges = adapter.recordPurges();
        int purged = 0;
        int round;
        do { // other tests' deleted records (other workspaces) may be due too
            round = purges.purgeDeletedPayloads(T0.plus(HOUR), 500);
            purged += round;
        } while (round == 500);
        assertThat(purged).isGreaterThanOrEqualTo(1);
        var feed = adapter.recordFeed().changesAfter(workspace, c.id(), "persons",
                com.amdahl.connections.application.port.out.RecordFeed.Position.START, 10);
        assertThat(feed).extracting(r -> r.externalId() + ":" + r.action() + ":" + r.payloadJson() + ":" + r.purgedReason()
                + "@" + r.position().seq()).containsExactly("3:added:{}:null@3", "1:deleted:null:retention@4",
                "2:deleted:{}:null@5");
    }

    @Test
    void erasure_tombstones_whole_address_matches_in_every_connection_of_the_workspace_only_and_suppresses_them() {
        Connection crm = stored(Fixtures.pipedrive(workspace, T0));
        Connection mail = stored(Fixtures.pipedrive(workspace, T0));
        var otherWorkspace = Fixtures.newWorkspace(adapter);
        Connection foreign = stored(Fixtures.pipedrive(otherWorkspace, T0));
        var sink = adapter.recordSink();
        sink.write(workspace, crm.id(), "persons", List.of(new SyncedRecord("1", "{\"email\":\"Ann@Acme.com\"}"),
                new SyncedRecord("2", "{\"email\":\"joann@acme.com\"}"), new SyncedRecord("3", "{\"email\":\"bob@acme.com\"}")));
        sink.write(workspace, mail.id(), "messages", List.of(new SyncedRecord("m1", "{\"to\":\"Ann <ann@acme.com>\"}")));
        sink.write(otherWorkspace, foreign.id(), "persons", List.of(new SyncedRecord("1", "{\"email\":\"ann@acme.com\"}")));

        var ann = com.amdahl.connections.domain.sync.DataSubject.parse("ann@acme.com").orElseThrow();
        var erased = adapter.recordPurges().erase(workspace, ann, T0.plus(HOUR));
        assertThat(erased).extracting(e -> e.stream() + "=" + e.records())
                .containsExactlyInAnyOrder("persons=1", "messages=1");
        var crmFeed = adapter.recordFeed().changesAfter(workspace, crm.id(), null,
                com.amdahl.connections.application.port.out.RecordFeed.Position.START, 10);
        assertThat(crmFeed).extracting(r -> r.externalId() + ":" + r.action() + ":" + r.purgedReason() + "@"
                + r.position().seq()).containsExactly("2:added:null@2", "3:added:null@3", "1:deleted:erasure@4");
        assertThat(crmFeed.get(2).payloadJson()).isNull();
        assertThat(crmFeed.get(2).deletedAt()).isEqualTo(T0.plus(HOUR));
        assertThat(adapter.recordFeed().changesAfter(otherWorkspace, foreign.id(), null,
                com.amdahl.connections.application.port.out.RecordFeed.Position.START, 10).get(0).payloadJson())
                .as("another workspace is untouched").contains("ann@acme.com");

        RecordCounts again = sink.write(workspace, crm.id(), "persons", List.of(
                new SyncedRecord("1", "{\"email\":\"ann@acme.com\",\"v\":2}"), new SyncedRecord("4", "{\"cc\":\"ANN@acme.com\"}"),
                new SyncedRecord("5", "{\"email\":\"cy@acme.com\"}")));
        assertThat(again.suppressed()).as("the subject is not stored again").isEqualTo(2);
        assertThat(again.added()).isEqualTo(1);
        assertThat(sink.write(otherWorkspace, foreign.id(), "persons", List.of(new SyncedRecord("9",
                "{\"email\":\"ann@acme.com\"}"))).added()).as("suppression is per workspace").isEqualTo(1);
        assertThat(adapter.recordPurges().erase(workspace, ann, T0.plus(HOUR))).as("erasing again finds nothing").isEmpty();
    }

    @Test
    void a_purge_removes_a_connections_records_and_positions_go_on() {
        Connection c = stored(Fixtures.pipedrive(workspace, T0));
        var sink = adapter.recordSink();
        sink.write(workspace, c.id(), "persons", List.of(new SyncedRecord("1", "{}"), new SyncedRecord("2", "{}")));
        adapter.recordReconciliations().save(workspace, c.id(), "persons", java.util.Set.of("1"), 0, T0);
        assertThat(adapter.recordPurges().purgeConnection(Fixtures.newWorkspace(adapter), c.id()))
                .as("another workspace's purge touches nothing").isZero();
        assertThat(adapter.recordPurges().purgeConnection(workspace, c.id())).isEqualTo(2);
        assertThat(adapter.recordFeed().streams(workspace, c.id())).isEmpty();
        assertThat(adapter.recordReconciliations().state(workspace, c.id(), "persons"))
                .isEqualTo(com.amdahl.connections.application.port.out.RecordReconciliations.State.NONE);
        sink.write(workspace, c.id(), "persons", List.of(new SyncedRecord("1", "{}")));
        assertThat(row(c.id(), "persons", "1")).containsEntry("change_seq", 3L);
    }

    private Map<String, Object> row(ConnectionId id, String stream, String externalId) {
        try (var handle = org.jdbi.v3.core.Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password()).open()) {
            return handle.createQuery("SELECT content_hash, first_seen_at, last_modified_at, last_action, change_seq"
                            + " FROM synced_records WHERE connection_id = :c AND stream = :s AND external_id = :e")
                    .bind("c", id.value()).bind("s", stream).bind("e", externalId)
                    .map((rs, ctx) -> Map.<String, Object>of("content_hash", rs.getString(1),
                            "first_seen_at", rs.getTimestamp(2).toInstant(), "last_modified_at", rs.getTimestamp(3).toInstant(),
                            "last_action", rs.getString(4), "change_seq", rs.getLong(5))).one();
        }
    }

    @Test
    void a_child_streams_record_keeps_its_parents_id() {
        Connection c = stored(Fixtures.pipedrive(workspace, T0));
        adapter.recordSink().write(workspace, c.id(), "transcripts", List.of(new SyncedRecord("t-1", "{}", "call-7")));
        try (var handle = org.jdbi.v3.core.Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password()).open()) {
            assertThat(handle.createQuery("SELECT parent_external_id FROM synced_records WHERE connection_id = :c AND stream = 'transcripts'")
                    .bind("c", c.id().value()).mapTo(String.class).one()).isEqualTo("call-7");
        }
    }

    private Map<String, String> recordsOf(ConnectionId id, String stream) {
        try (var handle = org.jdbi.v3.core.Jdbi.create(settings.jdbcUrl(), settings.user(), settings.password()).open()) {
            var map = new java.util.HashMap<String, String>();
            handle.createQuery("SELECT external_id, payload FROM synced_records WHERE connection_id = :c AND stream = :s")
                    .bind("c", id.value()).bind("s", stream)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).forEach(e -> map.put(e.getKey(), e.getValue()));
            return map;
        }
    }

    @Test
    void cursors_are_kept_per_stream_and_scoped_to_the_workspace() {
        Connection c = stored(Fixtures.pipedrive(workspace, T0));
        var cursors = adapter.cursors();
        assertThat(cursors.get(workspace, c.id(), "deals")).isEmpty();
        cursors.put(workspace, c.id(), "deals", "start=100");
        cursors.put(workspace, c.id(), "deals", "start=200");
        cursors.put(workspace, c.id(), "persons", "start=50");
        assertThat(cursors.get(workspace, c.id(), "deals")).contains("start=200");
        assertThat(cursors.get(workspace, c.id(), "persons")).contains("start=50");
        assertThat(cursors.get(Fixtures.newWorkspace(adapter), c.id(), "deals")).isEmpty();
    }

    @Test
    void clearing_drops_every_cursor_of_one_connection_only() {
        Connection c = stored(Fixtures.pipedrive(workspace, T0));
        Connection other = stored(Fixtures.pipedrive(workspace, T0));
        var cursors = adapter.cursors();
        cursors.put(workspace, c.id(), "deals", "2026-11-01 00:00:00");
        cursors.put(workspace, c.id(), "persons", "2026-11-02 00:00:00");
        cursors.put(workspace, other.id(), "deals", "2026-11-03 00:00:00");
        cursors.clear(Fixtures.newWorkspace(adapter), c.id());
        assertThat(cursors.get(workspace, c.id(), "deals")).as("another workspace clears nothing").isPresent();
        cursors.clear(workspace, c.id());
        assertThat(cursors.get(workspace, c.id(), "deals")).isEmpty();
        assertThat(cursors.get(workspace, c.id(), "persons")).isEmpty();
        assertThat(cursors.get(workspace, other.id(), "deals")).contains("2026-11-03 00:00:00");
    }
}
