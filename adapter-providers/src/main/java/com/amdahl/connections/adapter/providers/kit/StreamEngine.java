package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.application.port.out.RecordSink.DeletedRecord;
import com.amdahl.connections.application.port.out.RecordSink.SyncedRecord;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one page loop every declared stream runs: check the run may go on, fetch (retries in {@link StreamRun}),
 * classify in the connector's dialect, select records, write them, track the incremental cursor,
 * ask the paging style for the next page. A 2xx that is not the expected page fails the stream
 * with {@code unknown}; records written before a failure stay counted. A child stream skips a
 * parent that answers 404 (it vanished meanwhile).
 */
final class StreamEngine {
    private StreamEngine() {
    }

    static PullResult pull(StreamSpec spec, StreamRun run) {
        String stored = run.storedCursor().orElse(null);
        StreamSpec effective = stored != null && spec.incremental() != null
                ? spec.incremental().resume().apply(spec, stored) : spec;
        Incremental.Tracker tracker = spec.incremental() == null ? null : spec.incremental().new Tracker(stored);
        long[] written = {0};
        Object lock = new Object();
        Writer write = (records, parentOf) -> {
            List<SyncedRecord> page = new ArrayList<>(records.size());
            List<DeletedRecord> deleted = new ArrayList<>();
            for (JsonNode record : records) {
                if (effective.deleted() != null && effective.deleted().when().test(record)) {
                    deleted.add(new DeletedRecord(id(effective, record), effective.deleted().at().apply(record)));
                } else {
                    page.add(new SyncedRecord(id(effective, record), record.toString(), parentOf.apply(record)));
                }
            }
            synchronized (lock) { // children may run at once (Fanout): the count and the cursor are shared
                if (tracker != null) {
                    records.forEach(tracker::record);
                }
                written[0] += run.write(page);
                written[0] += run.delete(deleted);
            }
        };
        Optional<Failure> failure;
        try {
            failure = effective.parent() == null
                    ? pages(effective, effective.request(), run, records -> write.write(records, r -> null), tracker, false)
                    : children(effective, run, write, tracker);
        } catch (MalformedPage malformed) {
            return run.malformed(written[0]);
        } catch (ConnectionsException unreachable) {
            return run.failed(written[0], ProviderFailures.of(unreachable).orElse(new Failure(ErrorReason.UNKNOWN, 0, null)));
        }
        // every child has stopped by now (Fanout waits for its workers)
        if (failure.isPresent()) {
            return run.failed(written[0], failure.get());
        }
        return run.succeeded(written[0], tracker == null ? null : tracker.cursor().orElse(null));
    }

    /** Writes a page of records; {@code parentOf} names each record's parent id (null for none). */
    private interface Writer {
        void write(List<JsonNode> records, Function<JsonNode, String> parentOf);
    }

    private static Optional<Failure> children(StreamSpec spec, StreamRun run, Writer write,
            Incremental.Tracker tracker) {
        StreamSpec.Parent parent = spec.parent();
        List<String> ids = new ArrayList<>();
        Optional<Failure> parentFailure = pages(parent.stream(), parent.stream().request(), run,
                records -> records.forEach(r -> {
                    ids.add(id(parent.stream(), r));
                    if (tracker != null) {
                        tracker.parentRecord(r);
                    }
                }), null, false);
        if (parentFailure.isPresent()) {
            return parentFailure;
        }
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += parent.batchSize()) {
            batches.add(List.copyOf(ids.subList(from, Math.min(ids.size(), from + parent.batchSize()))));
        }
        return Fanout.run(run, batches, run.childConcurrency(), batch -> {
            Function<JsonNode, String> parentOf = batch.size() == 1 && parent.batchSize() == 1 ? r -> batch.get(0)
                    : r -> parent.parentIdPath() == null ? null : Json.textAt(r, parent.parentIdPath()).orElse(null);
            return pages(spec, parent.bind().apply(spec.request(), batch), run,
                    records -> write.write(records, parentOf), tracker, true);
        });
    }

    private static Optional<Failure> pages(StreamSpec spec, PageRequest base, StreamRun run,
            Consumer<List<JsonNode>> onRecords, Incremental.Tracker tracker, boolean skipVanished) {
        PageRequest request = spec.paging().first(base);
        while (true) {
            run.checkAlive();
            Response response = run.fetch(request);
            Optional<Failure> failure = run.failureOf(response);
            if (failure.isPresent()) {
                return skipVanished && failure.get().httpStatus() == 404 ? Optional.empty() : failure;
            }
            JsonNode body = body(response);
            List<JsonNode> records = select(spec, body);
            onRecords.accept(records);
            if (tracker != null) {
                tracker.page(body);
            }
            Optional<PageRequest> next = spec.paging().next(request, new Page(response, body, records.size()));
            if (next.isEmpty()) {
                return Optional.empty();
            }
            if (next.get().equals(request)) {
                throw new MalformedPage(); // the provider handed back the same page: never loop forever
            }
            request = next.get();
        }
    }

    private static JsonNode body(Response response) {
        JsonNode json;
        try {
            json = response.json();
        } catch (RuntimeException notJson) {
            throw new MalformedPage();
        }
        if (json == null || !(json.isObject() || json.isArray())) {
            throw new MalformedPage();
        }
        return json;
    }

    /** The records of a page; a missing or null array is an empty page. */
    static List<JsonNode> select(StreamSpec spec, JsonNode body) {
        if (StreamSpec.WHOLE_ANSWER.equals(spec.recordsPath())) {
            if (!body.isObject()) {
                throw new MalformedPage();
            }
            id(spec, body);
            return List.of(body);
        }
        JsonNode array = Json.at(body, spec.recordsPath());
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new MalformedPage();
        }
        List<JsonNode> records = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            JsonNode record = Json.at(element, spec.recordPath());
            if (record == null || !record.isObject()) {
                throw new MalformedPage();
            }
            id(spec, record);
            records.add(record);
        }
        return records;
    }

    private static String id(StreamSpec spec, JsonNode record) {
        return Json.textAt(record, spec.idPath()).orElseThrow(MalformedPage::new);
    }
}
