package com.amdahl.connections.adapter.providers.connectors.gmail;

import com.amdahl.connections.adapter.providers.kit.Endpoints;
import com.amdahl.connections.adapter.providers.kit.Fanout;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.MalformedPage;
import com.amdahl.connections.adapter.providers.kit.PageRequest;
import com.amdahl.connections.adapter.providers.kit.PageWalk;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamRun;
import com.amdahl.connections.application.port.out.RecordSink.DeletedRecord;
import com.amdahl.connections.application.port.out.RecordSink.SyncedRecord;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gmail messages, hand-written because the incremental path is another API. A full pass reads the
 * mailbox's {@code historyId} ({@code users.getProfile}) first, lists every message id
 * ({@code users.messages.list}, {@code pageToken}), then gets each ({@code format=metadata}: headers
 * and labels, no bodies) at most {@link StreamRun#childConcurrency()} at once; the cursor is that
 * {@code historyId}. An incremental pass lists {@code users.history.list} from the stored
 * {@code historyId}, gets the messages added or relabelled since and marks those in
 * {@code messagesDeleted} deleted in the store; the cursor becomes the
 * {@code historyId} of its last page. A stored {@code historyId} Gmail no longer keeps (404) falls
 * back to a full pass. A message deleted between listing and getting (404) is skipped.
 */
final class GmailMessages implements Stream {
    static final String BASE = "/gmail/v1/users/me";
    private static final Set<String> CHANGE_KINDS = Set.of("messagesAdded", "labelsAdded", "labelsRemoved");

    @Override
    public String name() {
        return "messages";
    }

    @Override
    public PullResult pull(StreamRun run) {
        AtomicLong written = new AtomicLong();
        String[] cursor = {null};
        return run.guarded(written, () -> {
            Set<String> ids = new LinkedHashSet<>();
            Set<String> deleted = new LinkedHashSet<>();
            Optional<Failure> failure = Optional.empty();
            boolean full = true;
            if (run.storedCursor().isPresent()) {
                failure = history(run, run.storedCursor().get(), ids, deleted, cursor);
                full = failure.isPresent() && failure.get().httpStatus() == 404; // history expired: read everything
                if (full) {
                    ids.clear();
                    deleted.clear();
                    failure = Optional.empty();
                }
            }
            if (full) {
                failure = listAll(run, ids, cursor);
            }
            if (failure.isPresent()) {
                return failure;
            }
            ids.removeAll(deleted); // gone since: nothing to get
            written.addAndGet(run.delete(deleted.stream().map(id -> new DeletedRecord(id, null)).toList()));
            return Fanout.run(run, List.copyOf(ids), run.childConcurrency(), id -> get(run, id, written));
        }, () -> cursor[0] != null ? cursor[0] : run.storedCursor().orElse(null));
    }

    /** The mailbox's current historyId, then every message id. */
    private static Optional<Failure> listAll(StreamRun run, Set<String> ids, String[] cursor) {
        Optional<Failure> profile = PageWalk.walk(run, PageRequest.get(BASE + "/profile"), Gmail.NEXT_PAGE_TOKEN, body -> {
            cursor[0] = Json.text(body, "historyId").orElseThrow(MalformedPage::new);
            return false;
        });
        if (profile.isPresent()) {
            return profile;
        }
        return PageWalk.walk(run, PageRequest.get(BASE + "/messages").withParam("maxResults", Gmail.PAGE_SIZE),
                Gmail.NEXT_PAGE_TOKEN, body -> {
                    for (JsonNode message : body.path("messages")) {
                        ids.add(Json.text(message, "id").orElseThrow(MalformedPage::new));
                    }
                    return true;
                });
    }

    /**
     * Ids of messages added or relabelled since {@code startHistoryId}, and of those deleted
     * ({@code messagesDeleted}); the cursor is the last page's historyId.
     */
    private static Optional<Failure> history(StreamRun run, String startHistoryId, Set<String> ids, Set<String> deleted,
            String[] cursor) {
        PageRequest request = PageRequest.get(BASE + "/history").withParam("startHistoryId", startHistoryId)
                .withParam("maxResults", Gmail.PAGE_SIZE);
        return PageWalk.walk(run, request, Gmail.NEXT_PAGE_TOKEN, body -> {
            for (JsonNode change : body.path("history")) {
                for (String kind : CHANGE_KINDS) {
                    for (JsonNode changed : change.path(kind)) {
                        Json.text(changed.path("message"), "id").ifPresent(ids::add);
                    }
                }
                for (JsonNode gone : change.path("messagesDeleted")) {
                    Json.text(gone.path("message"), "id").ifPresent(deleted::add);
                }
            }
            cursor[0] = Json.text(body, "historyId").orElse(cursor[0]);
            return true;
        });
    }

    private static Optional<Failure> get(StreamRun run, String id, AtomicLong written) {
        Response response = run.fetch(PageRequest.get(BASE + "/messages/" + Endpoints.encode(id)).withParam("format", "metadata"));
        Optional<Failure> failure = run.failureOf(response);
        if (failure.isPresent()) {
            return failure.get().httpStatus() == 404 ? Optional.empty() : failure;
        }
        JsonNode message = response.json();
        if (message == null || !message.isObject() || Json.text(message, "id").isEmpty()) {
            throw new MalformedPage();
        }
        written.addAndGet(run.write(List.of(new SyncedRecord(id, message.toString()))));
        return Optional.empty();
    }
}
