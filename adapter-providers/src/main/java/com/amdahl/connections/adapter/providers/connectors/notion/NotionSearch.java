package com.amdahl.connections.adapter.providers.connectors.notion;

import com.amdahl.connections.adapter.providers.kit.Endpoints;
import com.amdahl.connections.adapter.providers.kit.Fanout;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.MalformedPage;
import com.amdahl.connections.adapter.providers.kit.PageRequest;
import com.amdahl.connections.adapter.providers.kit.PageWalk;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamRun;
import com.amdahl.connections.application.port.out.RecordSink.SyncedRecord;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pages or databases found by {@code POST /v1/search} (filtered by object, newest
 * {@code last_edited_time} first), or the blocks of those pages ({@code GET /v1/blocks/{id}/children},
 * children at most {@link StreamRun#childConcurrency()} at once; a page deleted meanwhile, 404, is
 * skipped). Search cannot filter by time, so an incremental pass walks newest first and stops at
 * the stored cursor (the greatest {@code last_edited_time} seen). Notion rounds that time to the
 * minute, so objects edited in the cursor's minute are read again (upserted, never duplicated).
 * Blocks are the top-level blocks of each page; nested blocks are not pulled.
 */
final class NotionSearch implements Stream {
    private final String name;
    private final String object;
    private final boolean blocks;

    private NotionSearch(String name, String object, boolean blocks) {
        this.name = name;
        this.object = object;
        this.blocks = blocks;
    }

    static NotionSearch objects(String name, String object) {
        return new NotionSearch(name, object, false);
    }

    static NotionSearch blocksOfPages() {
        return new NotionSearch("blocks", "page", true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PullResult pull(StreamRun run) {
        String since = run.storedCursor().orElse(null);
        String[] newest = {since};
        AtomicLong written = new AtomicLong();
        List<String> changedPages = new ArrayList<>();
        PageRequest search = PageRequest.post("/v1/search", "{\"filter\":{\"property\":\"object\",\"value\":\"" + object
                + "\"},\"sort\":{\"direction\":\"descending\",\"timestamp\":\"last_edited_time\"},\"page_size\":"
                + Notion.PAGE_SIZE + "}");
        return run.guarded(written, () -> {
            Optional<Failure> failure = PageWalk.walk(run, search, Notion.START_CURSOR, body -> {
                List<SyncedRecord> records = new ArrayList<>();
                for (JsonNode found : body.path("results")) {
                    String edited = Json.text(found, "last_edited_time").orElseThrow(MalformedPage::new);
                    if (since != null && edited.compareTo(since) < 0) {
                        write(run, records, written);
                        return false; // newest first: everything after this is older than the cursor
                    }
                    String id = Json.text(found, "id").orElseThrow(MalformedPage::new);
                    if (newest[0] == null || edited.compareTo(newest[0]) > 0) {
                        newest[0] = edited;
                    }
                    changedPages.add(id);
                    records.add(new SyncedRecord(id, found.toString()));
                }
                write(run, records, written);
                return true;
            });
            return failure.isEmpty() && blocks
                    ? Fanout.run(run, changedPages, run.childConcurrency(), page -> blocksOf(run, page, written)) : failure;
        }, () -> newest[0]);
    }

    private void write(StreamRun run, List<SyncedRecord> records, AtomicLong written) {
        if (!blocks) {
            written.addAndGet(run.write(records)); // the blocks stream writes blocks, not the pages it found
        }
    }

    private static Optional<Failure> blocksOf(StreamRun run, String page, AtomicLong written) {
        PageRequest children = PageRequest.get("/v1/blocks/" + Endpoints.encode(page) + "/children").withParam("page_size", Notion.PAGE_SIZE);
        return PageWalk.walk(run, children, Notion.START_CURSOR, r -> r.status() == 404, body -> {
            List<SyncedRecord> records = new ArrayList<>();
            for (JsonNode block : body.path("results")) {
                records.add(new SyncedRecord(Json.text(block, "id").orElseThrow(MalformedPage::new), block.toString()));
            }
            written.addAndGet(run.write(records));
            return true;
        });
    }
}
