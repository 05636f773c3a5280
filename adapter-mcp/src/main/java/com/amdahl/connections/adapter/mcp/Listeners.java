package com.amdahl.connections.adapter.mcp;

import com.amdahl.connections.application.Principal;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.modern.McpSchema.SubscriptionFilter;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.SubscriptionRestriction;
import io.modelcontextprotocol.modern.server.feature.McpChangePublisher;
import io.modelcontextprotocol.modern.server.feature.ServerChange;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * Bridges the SDK's 2026-07-28 {@code subscriptions/listen} to {@link StatusWatch}, per listener.
 * The SDK (2.2.0) gives its change publisher one global feed and no listener context, and tells
 * nobody when a listen stream ends. So: the restriction (which does see the request's context)
 * notes the caller under the identity of the honoured filter it hands back unchanged; each listen
 * stream subscribes to {@link #changes} on its own, where the first element is a {@link Bind}
 * that the SDK's filter shows that stream's filter, binding the two; the stream's watches then
 * notify that stream alone, as that caller reads, and end when the stream is cancelled.
 */
final class Listeners implements McpChangePublisher, SubscriptionRestriction {
    private static final int MAX_PENDING = 1_000;

    private final StatusWatch watch;
    private final Function<McpTransportContext, Principal> caller;
    private final Map<SubscriptionFilter, Principal> pending = Collections.synchronizedMap(new IdentityHashMap<>());
    private final AtomicLong streams = new AtomicLong();

    Listeners(StatusWatch watch, Function<McpTransportContext, Principal> caller) {
        this.watch = watch;
        this.caller = caller;
    }

    @Override
    public Mono<SubscriptionFilter> restrict(McpRequestContext ctx, SubscriptionFilter requested,
            SubscriptionFilter honoured) {
        Principal principal = caller.apply(ctx.transportContext());
        synchronized (pending) {
            if (pending.size() >= MAX_PENDING) {
                pending.clear(); // streams that never started; their filters are unreachable
            }
            pending.put(honoured, principal);
        }
        return Mono.just(honoured); // the same instance: the SDK then listens with it (identity kept)
    }

    @Override
    public Flux<ServerChange> changes() {
        return Flux.create(sink -> {
            String session = "listen-" + streams.incrementAndGet();
            sink.onDispose(() -> watch.forget(session));
            sink.next(new Bind(session, sink));
        });
    }

    /** Never forwarded: its filter call carries the listening stream's filter to bind it. */
    private final class Bind implements ServerChange {
        private final String session;
        private final FluxSink<ServerChange> sink;

        Bind(String session, FluxSink<ServerChange> sink) {
            this.session = session;
            this.sink = sink;
        }

        @Override
        public String method() {
            return "notifications/resources/updated";
        }

        @Override
        public boolean isHonouredBy(SubscriptionFilter honoured) {
            Principal principal = pending.remove(honoured);
            if (principal != null && !sink.isCancelled()) {
                watch.listen(session, (ignored, uri) -> {
                    sink.next(new ServerChange.ResourceUpdated(uri));
                    return !sink.isCancelled();
                });
                for (String uri : honoured.resourceSubscriptionsOrEmpty()) {
                    watch.subscribe(session, principal, uri);
                }
            }
            return false;
        }
    }
}
