package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import java.util.List;
import java.util.Objects;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A stream described as data and run by {@link StreamEngine}: the request, where the records are in
 * each answer ({@code records}: dotted path to the array, "" for a bare array; {@code recordAt}: the
 * record inside each element), each record's external id, the paging style, an optional
 * incremental cursor and an optional parent stream whose record ids the requests iterate.
 *
 * <pre>{@code
 * StreamSpec.get("contacts", "/crm/v3/objects/contacts").param("limit", 100)
 *         .records("results").id("id")
 *         .paging(Paging.cursor("after", "paging.next.after"))
 * }</pre>
 *
 * Every method returns a new spec; specs are immutable and shared by every run.
 */
public record StreamSpec(String name, PageRequest request, String recordsPath, String recordPath, String idPath,
        Paging paging, Incremental incremental, Parent parent, DeleteSignal deleted) implements Stream {

    public StreamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(recordsPath, "recordsPath");
        Objects.requireNonNull(recordPath, "recordPath");
        Objects.requireNonNull(idPath, "idPath");
        Objects.requireNonNull(paging, "paging");
    }

    /**
     * A parent stream: its records' ids are bound into this stream's request, {@code batchSize} at a
     * time (Slack channel → messages, Gmail message id → message, Gong call ids → transcripts). Each
     * child record carries its parent's id: the one id bound, or with batches the value at
     * {@code parentIdPath} in the child record (Gong {@code callId}); null when neither says.
     */
    public record Parent(StreamSpec stream, int batchSize, BiFunction<PageRequest, List<String>, PageRequest> bind,
            String parentIdPath) {
        public Parent {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(bind, "bind");
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be positive");
            }
        }

        public Parent(StreamSpec stream, int batchSize, BiFunction<PageRequest, List<String>, PageRequest> bind) {
            this(stream, batchSize, bind, null);
        }
    }

    public static StreamSpec of(String name, PageRequest request) {
        return new StreamSpec(name, request, "", "", "id", Paging.none(), null, null, null);
    }

    public static StreamSpec get(String name, String path) {
        return of(name, PageRequest.get(path));
    }

    /** A POST with a JSON body (searches); parameters become body fields. */
    public static StreamSpec post(String name, String path, String jsonBody) {
        return of(name, PageRequest.post(path, jsonBody));
    }

    /** A GraphQL query; parameters become its variables. */
    public static StreamSpec graphql(String name, String path, String query) {
        return of(name, PageRequest.graphql(path, query));
    }

    public StreamSpec param(String param, Object value) {
        return withRequest(request.withParam(param, value));
    }

    public StreamSpec header(String header, String value) {
        return withRequest(request.withHeader(header, value));
    }

    /** Any other change of the request (a body field, another path). */
    public StreamSpec request(UnaryOperator<PageRequest> change) {
        return withRequest(change.apply(request));
    }

    /** {@link #records} for an answer that is one record itself (Granola's note with its transcript). */
    public static final String WHOLE_ANSWER = ".";

    /** Where the records are: a dotted path to the array ("" for a bare array), or {@link #WHOLE_ANSWER}. */
    public StreamSpec records(String path) {
        return new StreamSpec(name, request, path, recordPath, idPath, paging, incremental, parent, deleted);
    }

    public StreamSpec recordAt(String path) {
        return new StreamSpec(name, request, recordsPath, path, idPath, paging, incremental, parent, deleted);
    }

    public StreamSpec id(String path) {
        return new StreamSpec(name, request, recordsPath, recordPath, path, paging, incremental, parent, deleted);
    }

    public StreamSpec paging(Paging style) {
        return new StreamSpec(name, request, recordsPath, recordPath, idPath, style, incremental, parent, deleted);
    }

    public StreamSpec incremental(Incremental cursor) {
        return new StreamSpec(name, request, recordsPath, recordPath, idPath, paging, cursor, parent, deleted);
    }

    /**
     * The provider's own delete signal: a listed record for which {@code when} holds is marked
     * deleted in the store instead of written; {@code at} says when it was deleted (null: the
     * provider does not say, the store uses now).
     */
    public record DeleteSignal(Predicate<JsonNode> when, Function<JsonNode, Instant> at) {
        public DeleteSignal {
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(at, "at");
        }
    }

    /** {@link DeleteSignal}: a listed record for which {@code signal} holds is a delete (Graph delta's {@code @removed}). */
    public StreamSpec deletedWhen(Predicate<JsonNode> signal) {
        return deletedWhen(new DeleteSignal(signal, record -> null));
    }

    /**
     * As {@link #deletedWhen(Predicate)}, deleted at the timestamp at {@code deletedAtPath} in the
     * record (Salesforce {@code SystemModstamp}, HubSpot {@code archivedAt}); now when it is absent or unreadable.
     */
    public StreamSpec deletedWhen(Predicate<JsonNode> signal, String deletedAtPath) {
        return deletedWhen(new DeleteSignal(signal, record -> Json.instantAt(record, deletedAtPath).orElse(null)));
    }

    public StreamSpec deletedWhen(DeleteSignal signal) {
        return new StreamSpec(name, request, recordsPath, recordPath, idPath, paging, incremental, parent, signal);
    }

    /** One request per parent record: {@code {parent_id}} in this stream's path becomes the parent's id. */
    public StreamSpec childOf(StreamSpec parentStream) {
        return childOf(parentStream, 1, (r, ids) -> r.withPath(r.url().replace("{parent_id}", Endpoints.encode(ids.get(0)))));
    }

    /** Requests per batch of parent ids, bound by {@code bind}. */
    public StreamSpec childOf(StreamSpec parentStream, int batchSize,
            BiFunction<PageRequest, List<String>, PageRequest> bind) {
        return childOf(parentStream, batchSize, null, bind);
    }

    /** As {@link #childOf(StreamSpec, int, BiFunction)}; each child record names its parent at {@code parentIdPath}. */
    public StreamSpec childOf(StreamSpec parentStream, int batchSize, String parentIdPath,
            BiFunction<PageRequest, List<String>, PageRequest> bind) {
        return new StreamSpec(name, request, recordsPath, recordPath, idPath, paging, incremental,
                new Parent(parentStream, batchSize, bind, parentIdPath), deleted);
    }

    private StreamSpec withRequest(PageRequest changed) {
        return new StreamSpec(name, changed, recordsPath, recordPath, idPath, paging, incremental, parent, deleted);
    }

    @Override
    public PullResult pull(StreamRun run) {
        return StreamEngine.pull(this, run);
    }
}
