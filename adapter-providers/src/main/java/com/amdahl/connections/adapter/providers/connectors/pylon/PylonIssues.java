package com.amdahl.connections.adapter.providers.connectors.pylon;

import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.MalformedPage;
import com.amdahl.connections.adapter.providers.kit.NewestWindow;
import com.amdahl.connections.adapter.providers.kit.PageRequest;
import com.amdahl.connections.adapter.providers.kit.PageWalk;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamRun;
import com.amdahl.connections.application.port.out.RecordSink.SyncedRecord;
import com.amdahl.connections.application.port.out.StreamPuller.ListingWindow;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pylon issues: {@code GET /issues} needs a {@code start_time}/{@code end_time} range of at most 30
 * days, so the stream walks 30-day windows (each paged by {@code pagination.cursor}) from the
 * stored cursor, or from {@value #FIRST_PASS_DAYS} days back on a first pass, up to the run's
 * start; the cursor is that end. The range filters on creation time: an older issue edited later
 * is read again only by a full refresh.
 */
final class PylonIssues implements Stream {
    /**
     * A full pass reads the last {@value #FIRST_PASS_DAYS} days only, by creation time: issues it
     * spans are reconciled, older ones never.
     */
    @Override
    public boolean listsEverything() {
        return false;
    }

    @Override
    public Optional<ListingWindow> listingWindow() {
        return Optional.of(NewestWindow.byInstant("created_at"));
    }

    static final int FIRST_PASS_DAYS = 90;
    private static final Duration WINDOW = Duration.ofDays(30);
    @Override
    public String name() {
        return "issues";
    }

    @Override
    public PullResult pull(StreamRun run) {
        Instant end = run.context().clock().instant().truncatedTo(ChronoUnit.SECONDS); // the adapter's clock
        Instant from = run.storedCursor().flatMap(PylonIssues::instant).orElse(end.minus(Duration.ofDays(FIRST_PASS_DAYS)));
        AtomicLong written = new AtomicLong();
        return run.guarded(written, () -> {
            for (Instant start = from; start.isBefore(end); start = start.plus(WINDOW)) {
                Instant until = start.plus(WINDOW).isBefore(end) ? start.plus(WINDOW) : end;
                Optional<Failure> failure = PageWalk.walk(run, PageRequest.get("/issues").withParam("start_time", start)
                        .withParam("end_time", until).withParam("limit", Pylon.PAGE_SIZE), Pylon.CURSOR, body -> {
                            List<SyncedRecord> records = new ArrayList<>();
                            for (JsonNode issue : body.path("data")) {
                                records.add(new SyncedRecord(Json.text(issue, "id").orElseThrow(MalformedPage::new), issue.toString()));
                            }
                            written.addAndGet(run.write(records));
                            return true;
                        });
                if (failure.isPresent()) {
                    return failure;
                }
            }
            return Optional.<Failure>empty();
        }, end::toString);
    }

    private static Optional<Instant> instant(String cursor) {
        try {
            return Optional.of(Instant.parse(cursor));
        } catch (DateTimeParseException notOurs) {
            return Optional.empty();
        }
    }
}
