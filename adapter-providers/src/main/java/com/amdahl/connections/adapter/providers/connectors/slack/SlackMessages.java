package com.amdahl.connections.adapter.providers.connectors.slack;

import com.amdahl.connections.adapter.providers.kit.CursorMap;
import com.amdahl.connections.adapter.providers.kit.Fanout;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.MalformedPage;
import com.amdahl.connections.adapter.providers.kit.PageRequest;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamRun;
import com.amdahl.connections.application.port.out.RecordSink.SyncedRecord;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slack messages, hand-written because the cursor is per channel: the channels the app is a member
 * of ({@code conversations.list}), then {@code conversations.history} of each (children, at most
 * {@link StreamRun#childConcurrency()} at once), paged by {@code response_metadata.next_cursor}.
 * The stored cursor is a JSON object channel id → greatest {@code ts} written; a channel with one
 * is read from {@code oldest} (exclusive, so nothing is written twice). A channel the app is not in
 * ({@code not_in_channel}) or that vanished ({@code channel_not_found}) is skipped, not a failure.
 * Each message is written with its {@code channel} and the id {@code <channel>:<ts>} (a {@code ts}
 * is only unique within its channel). Thread replies are not pulled.
 */
final class SlackMessages implements Stream {
    private static final Set<String> SKIPPED_CHANNEL_ERRORS = Set.of("not_in_channel", "channel_not_found");

    @Override
    public String name() {
        return "messages";
    }

    @Override
    public PullResult pull(StreamRun run) {
        Map<String, String> oldest = CursorMap.read(run.storedCursor());
        AtomicLong written = new AtomicLong();
        return run.guarded(written, () -> {
            List<String> channels = new ArrayList<>();
            Optional<Failure> listing = Slack.pages(run, Slack.channelList(), Set.of(), page -> {
                for (JsonNode channel : page.path("channels")) {
                    if (channel.path("is_member").asBoolean(true)) {
                        channels.add(Json.text(channel, "id").orElseThrow(MalformedPage::new));
                    }
                }
            });
            return listing.isPresent() ? listing
                    : Fanout.run(run, channels, run.childConcurrency(), channel -> history(run, channel, oldest, written));
        }, () -> CursorMap.write(oldest));
    }

    private static Optional<Failure> history(StreamRun run, String channel, Map<String, String> oldest, AtomicLong written) {
        PageRequest request = PageRequest.get("/api/conversations.history").withParam("channel", channel)
                .withParam("limit", Slack.PAGE_SIZE);
        String since = oldest.get(channel);
        if (since != null) {
            request = request.withParam("oldest", since);
        }
        String[] newest = {since};
        Optional<Failure> failure = Slack.pages(run, request, SKIPPED_CHANNEL_ERRORS, page -> {
            List<SyncedRecord> records = new ArrayList<>();
            for (JsonNode message : page.path("messages")) {
                String ts = Json.text(message, "ts").orElseThrow(MalformedPage::new);
                ObjectNode record = ((ObjectNode) message).deepCopy();
                record.put("channel", channel);
                records.add(new SyncedRecord(channel + ":" + ts, record.toString()));
                if (newest[0] == null || ts.compareTo(newest[0]) > 0) { // fixed-width "seconds.micros" 
                    newest[0] = ts;
                }
            }
            written.addAndGet(run.write(records));
        });
        if (failure.isEmpty() && newest[0] != null) {
            oldest.put(channel, newest[0]);
        }
        return failure;
    }
}
