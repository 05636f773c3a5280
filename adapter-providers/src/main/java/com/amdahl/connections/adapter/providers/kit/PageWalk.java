package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The page loop for hand-written streams: check the run may go on, fetch, classify, hand the body over, ask the
 * paging style for the next request. {@code onPage} returns false to stop early (a listing sorted
 * newest first that reached the stored cursor). An answer {@code skip} accepts ends the walk as if
 * it were done (Slack {@code not_in_channel}). Like the engine, a non-object body or a next request
 * equal to the last is malformed ({@link MalformedPage} is thrown).
 */
public final class PageWalk {
    /** What a hand-written stream does with each page's body; false stops the walk. */
    @FunctionalInterface
    public interface OnPage {
        boolean accept(JsonNode body);
    }

    private PageWalk() {
    }

    public static Optional<Failure> walk(StreamRun run, PageRequest first, Paging paging, OnPage onPage) {
        return walk(run, paging.first(first), paging, response -> false, onPage);
    }

    public static Optional<Failure> walk(StreamRun run, PageRequest first, Paging paging, Predicate<Response> skip,
            OnPage onPage) {
        PageRequest request = first;
        while (true) {
            run.checkAlive();
            Response response = run.fetch(request);
            Optional<Failure> failure = run.failureOf(response);
            if (failure.isPresent()) {
                return skip.test(response) ? Optional.empty() : failure;
            }
            JsonNode body = response.json();
            if (body == null || !body.isObject()) {
                throw new MalformedPage();
            }
            if (!onPage.accept(body)) {
                return Optional.empty();
            }
            Optional<PageRequest> next = paging.next(request, new Page(response, body, 0));
            if (next.isEmpty()) {
                return Optional.empty();
            }
            if (next.get().equals(request)) {
                throw new MalformedPage();
            }
            request = next.get();
        }
    }
}
