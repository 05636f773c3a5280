package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.Liveness;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.RecordSink.DeletedRecord;
import com.amdahl.connections.application.port.out.RequestBudget;
import com.amdahl.connections.application.port.out.RecordSink.SyncedRecord;
import com.amdahl.connections.application.port.out.StreamPuller.PullRequest;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.StreamOutcome;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One pull of one stream: what a stream (declared or hand-written) uses to talk to its provider.
 * {@link #fetch} signs the request with the connection's credentials, lets the HTTP core retry
 * 5xx and I/O failures with backoff (3 retries, CONTRACT 9.20), and paces rate limits through the
 * account's shared budget ({@link #send}); {@link #failureOf} reads an answer in the connector's
 * error dialect.
 */
public final class StreamRun {
    static final int RATE_LIMIT_RETRIES = 3;
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);
    /** Rate limits in a row a paced request sits out before its stream gives up (each waited as the provider asks). */
    static final int MAX_PACED_RATE_LIMITS = 10;

    private final ConnectorPlugin plugin;
    private final ConnectorContext context;
    private final PullRequest request;
    private final RecordSink sink;
    private final Sleeper sleeper;
    /** The thread the run was started on: only it checks liveness (children on other threads are covered by it). */
    private final Thread owner = Thread.currentThread();

    public StreamRun(ConnectorPlugin plugin, ConnectorContext context, PullRequest request, RecordSink sink,
            Sleeper sleeper) {
        this.plugin = plugin;
        this.context = context;
        this.request = request;
        this.sink = sink;
        this.sleeper = sleeper;
    }

    public String stream() {
        return request.stream();
    }

    public String providerName() {
        return plugin.name();
    }

    /** Where the last successful pull of this stream stopped; empty for a full pass. */
    public Optional<String> storedCursor() {
        return Optional.ofNullable(request.cursor());
    }

    public Credentials credentials() {
        return request.credentials();
    }

    public ConnectorContext context() {
        return context;
    }

    /**
     * Returns when the run may go on; throws {@link Liveness.RunStopped} when it has used up its
     * time or lost its lease (the engine stops the stream there). Called from a child worker
     * ({@link Fanout}) it does nothing: the thread that started the run checks while its children run.
     */
    public void checkAlive() {
        if (Thread.currentThread() == owner) {
            request.liveness().check();
        }
    }

    /** Where the children of a parent stream run ({@link Fanout}): the engine's threads, never the kit's own. */
    public Executor children() {
        return request.children();
    }

    /** How many children of a parent stream run at once ({@code CONNECTIONS_SYNC_CHILD_CONCURRENCY}, default 4). */
    public int childConcurrency() {
        return context.settings().childConcurrency();
    }

    /** The origin this stream's paths resolve against (with the endpoint override applied). */
    public String origin() {
        return context.api(plugin.streamOrigin(request.credentials()), "");
    }

    /**
     * Sends one request. An absolute URL (a provider's next link) must be on {@link #origin()}: the
     * credentials never go to another host. Throws a classified {@code ConnectionsException} only
     * when no answer arrived.
     */
    public Response fetch(PageRequest page) {
        String url;
        if (page.url().startsWith("/")) {
            url = origin() + page.url();
        } else {
            if (!Endpoints.origin(page.url()).equals(Endpoints.origin(origin()))) {
                throw new MalformedPage();
            }
            url = page.url();
        }
        HttpRequest.Builder builder = HttpCore.request(Endpoints.withQuery(url, page.query()));
        page.headers().forEach(builder::header);
        if (page.body() != null) {
            builder.header("Content-Type", "application/json")
                    .method(page.method(), HttpRequest.BodyPublishers.ofString(page.body().toString()));
        } else {
            builder.method(page.method(), HttpRequest.BodyPublishers.noBody());
        }
        plugin.authorize(builder, request.credentials());
        return send(builder);
    }

    /**
     * Sends a request the stream built itself (signed by the stream), with the same rate-limit
     * handling: inside the engine, each attempt first waits for the account's shared budget, every
     * answer's rate-limit headers correct it, and a rate limit holds every spender of the account
     * until the provider's {@code Retry-After} (or its reset, else 2 s) and is then tried again —
     * up to {@value #MAX_PACED_RATE_LIMITS} in a row; a wait longer than a run waits at once ends
     * the stream with the provider's answer. Outside the engine (no budget: tests, tools) a rate
     * limit is waited out at most {@value #RATE_LIMIT_RETRIES} times, up to 30 s each.
     */
    public Response send(HttpRequest.Builder builder) {
        RequestBudget budget = request.budget();
        if (budget == RequestBudget.UNLIMITED) {
            return sendWithoutBudget(builder);
        }
        Response last = null;
        for (int limited = 0; ; ) {
            try {
                budget.acquire();
            } catch (RequestBudget.Exhausted exhausted) {
                if (last != null) {
                    return last; // the provider asks for longer than a run waits: the stream ends rate limited
                }
                throw exhausted;
            }
            Response response = context.http().send(plugin.name(), plugin.errorDialect(), builder.copy(), true);
            Instant now = context.clock().instant();
            Optional<Instant> spent = RateHeaders.notBefore(response.headers(), now);
            Optional<Failure> failure = failureOf(response);
            if (failure.isEmpty() || failure.get().reason() != ErrorReason.RATE_LIMIT) {
                spent.ifPresent(budget::notBefore);
                return response;
            }
            Instant until = failure.get().retryAfter() != null ? now.plus(failure.get().retryAfter())
                    : spent.orElse(now.plus(DEFAULT_RETRY_AFTER));
            budget.refused(until);
            last = response;
            if (++limited > MAX_PACED_RATE_LIMITS) {
                return response;
            }
        }
    }

    private Response sendWithoutBudget(HttpRequest.Builder builder) {
        for (int attempt = 0; ; attempt++) {
            Response response = context.http().send(plugin.name(), plugin.errorDialect(), builder.copy(), true);
            Optional<Failure> failure = failureOf(response);
            if (failure.isEmpty() || failure.get().reason() != ErrorReason.RATE_LIMIT || attempt == RATE_LIMIT_RETRIES) {
                return response;
            }
            Duration wait = failure.get().retryAfter() == null ? DEFAULT_RETRY_AFTER : failure.get().retryAfter();
            if (wait.compareTo(MAX_RETRY_AFTER) > 0) {
                return response; // the provider asks for longer than a run should block: fail the stream now
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }

    /** What an answer means in the connector's error dialect; empty for a success. */
    public Optional<Failure> failureOf(Response response) {
        return plugin.errorDialect().classify(response);
    }

    /**
     * Hands records to the sink; returns how many rows were written (an unchanged record writes
     * none). Children running at once write one at a time.
     */
    public synchronized int write(List<SyncedRecord> records) {
        return records.isEmpty() ? 0
                : (int) sink.write(request.workspaceId(), request.connectionId(), request.stream(), records).written();
    }

    /**
     * Hands the provider's own delete signals to the sink; returns how many stored records they
     * marked deleted (ids never stored, or deleted already, change nothing).
     */
    public synchronized int delete(List<DeletedRecord> records) {
        return records.isEmpty() ? 0
                : (int) sink.delete(request.workspaceId(), request.connectionId(), request.stream(), records).written();
    }

    /**
     * The result of a hand-written pull: {@code pull} returns its first failure (or none); a malformed
     * page or a provider that could not be reached thrown from it ends the stream the same way as in
     * the engine. {@code written} counts the records written so far; {@code nextCursor} is asked only
     * on success.
     */
    public PullResult guarded(AtomicLong written, Supplier<Optional<Failure>> pull, Supplier<String> nextCursor) {
        Optional<Failure> failure;
        try {
            failure = pull.get();
        } catch (MalformedPage malformed) {
            return malformed(written.get());
        } catch (ConnectionsException unreachable) {
            return failed(written.get(), ProviderFailures.of(unreachable).orElse(new Failure(ErrorReason.UNKNOWN, 0, null)));
        }
        return failure.isPresent() ? failed(written.get(), failure.get()) : succeeded(written.get(), nextCursor.get());
    }

    public PullResult succeeded(long written, String nextCursor) {
        return new PullResult(StreamOutcome.succeeded(request.stream(), written), nextCursor);
    }

    public PullResult failed(long written, Failure failure) {
        String message = failure.httpStatus() > 0 ? plugin.name() + " answered HTTP " + failure.httpStatus()
                : plugin.name() + " could not be reached";
        return new PullResult(StreamOutcome.failed(request.stream(), written, failure.reason(), message), null);
    }

    public PullResult malformed(long written) {
        return new PullResult(StreamOutcome.failed(request.stream(), written, ErrorReason.UNKNOWN,
                plugin.name() + " answered a body that is not a " + request.stream() + " page"), null);
    }

    @Override
    public String toString() {
        return "StreamRun[" + plugin.type() + "/" + request.stream() + "]";
    }
}
