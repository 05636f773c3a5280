package com.amdahl.connections.adapter.providers.connectors.outlook;

import com.amdahl.connections.adapter.providers.kit.CursorMap;
import com.amdahl.connections.adapter.providers.kit.Endpoints;
import com.amdahl.connections.adapter.providers.kit.Fanout;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outlook messages: Graph's message delta is per folder, so the stream lists the mail folders and
 * runs {@code GET /v1.0/me/mailFolders/{id}/messages/delta} for each (children, at most
 * {@link StreamRun#childConcurrency()} at once; Graph allows 4 concurrent requests per mailbox),
 * following {@code @odata.nextLink}. The cursor is a JSON object folder id → the
 * {@code @odata.deltaLink} of that folder's last page; a folder with one resumes from it and gets
 * only what changed. A message deleted comes back as {@code @removed} with reason {@code deleted} and
 * is marked deleted in the store; reason {@code changed} (moved to another folder) writes nothing. A
 * folder deleted meanwhile (404) is skipped.
 */
final class OutlookMessages implements Stream {
    @Override
    public String name() {
        return "messages";
    }

    @Override
    public PullResult pull(StreamRun run) {
        Map<String, String> deltaLinks = CursorMap.read(run.storedCursor());
        AtomicLong written = new AtomicLong();
        return run.guarded(written, () -> {
            List<String> folders = new ArrayList<>();
            Optional<Failure> listing = PageWalk.walk(run, Outlook.FOLDERS.request(), Outlook.NEXT_LINK, body -> {
                for (JsonNode folder : body.path("value")) {
                    folders.add(Json.text(folder, "id").orElseThrow(MalformedPage::new));
                }
                return true;
            });
            return listing.isPresent() ? listing
                    : Fanout.run(run, folders, run.childConcurrency(), folder -> delta(run, folder, deltaLinks, written));
        }, () -> CursorMap.write(deltaLinks));
    }

    private static Optional<Failure> delta(StreamRun run, String folder, Map<String, String> deltaLinks, AtomicLong written) {
        String stored = deltaLinks.get(folder);
        PageRequest first = stored != null ? PageRequest.get(stored)
                : PageRequest.get("/v1.0/me/mailFolders/" + Endpoints.encode(folder) + "/messages/delta");
        String[] deltaLink = {null};
        Optional<Failure> failure = PageWalk.walk(run, first, Outlook.NEXT_LINK, r -> r.status() == 404, body -> {
            List<SyncedRecord> records = new ArrayList<>();
            List<DeletedRecord> deleted = new ArrayList<>();
            for (JsonNode message : body.path("value")) {
                String id = Json.text(message, "id").orElseThrow(MalformedPage::new);
                if (!message.has("@removed")) {
                    records.add(new SyncedRecord(id, message.toString()));
                } else if ("deleted".equals(message.path("@removed").path("reason").asText())) {
                    deleted.add(new DeletedRecord(id, null));
                } // "changed": moved out of this folder, not gone; its new folder's delta lists it
            }
            written.addAndGet(run.write(records));
            written.addAndGet(run.delete(deleted));
            deltaLink[0] = Json.text(body, "@odata.deltaLink").orElse(deltaLink[0]);
            return true;
        });
        if (failure.isEmpty() && deltaLink[0] != null) {
            deltaLinks.put(folder, deltaLink[0]);
        }
        return failure;
    }
}
