package com.amdahl.connections.adapter.mcp;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resource subscriptions. The SDK answers {@code resources/subscribe} itself but cannot tell who
 * subscribed, so the transports show every incoming message to {@link #observe}; this class keeps
 * (session, URI, caller) and, once a second, re-reads each subscribed resource AS THAT CALLER and
 * sends {@code notifications/resources/updated} to that session alone when the JSON changed (for a
 * records page: when its stream's summary changed, see {@link ConnectionResources#watched}). A URI
 * the caller may not read (another workspace's, unknown) reads as absent every time and is never
 * notified, exactly like a random id. A 2026-07-28 {@code subscriptions/listen} stream is a session
 * of its own with its own {@link Notifier} ({@link #listen}). Besides the tick, a committed write
 * ({@link #changed}, from the application's change events, also those of other instances on
 * PostgreSQL) checks that workspace's subscriptions at once.
 */
final class StatusWatch implements AutoCloseable {
    static final String UPDATED = "notifications/resources/updated";
    static final int MAX_WATCHES = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(StatusWatch.class);

    /** Sends the updated notification for {@code uri} to one session; false when the session is gone. */
    interface Notifier {
        boolean notify(String session, String uri);
    }

    private record Key(String session, String uri) {
    }

    private static final class Watch {
        final Principal principal;
        String last;

        Watch(Principal principal, String last) {
            this.principal = principal;
            this.last = last;
        }
    }

    private final ConnectionResources resources;
    private final Map<Key, Watch> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile Notifier notifier = (session, uri) -> true;
    /** Sessions that are notified their own way (2026-07-28 listen streams). */
    private final Map<String, Notifier> listeners = new ConcurrentHashMap<>();

    StatusWatch(ConnectionResources resources, long periodMillis) {
        this.resources = resources;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mcp-status-watch");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    void notifier(Notifier value) {
        notifier = Objects.requireNonNull(value);
    }

    /** Looks at the JSON-RPC messages a caller sent on a session for subscribe / unsubscribe. */
    void observe(String session, Principal principal, List<Object> messages) {
        for (Object message : messages) {
            if (!(message instanceof Map<?, ?> map) || !(map.get("params") instanceof Map<?, ?> params)
                    || !(params.get("uri") instanceof String uri)) {
                continue;
            }
            Object method = map.get("method");
            if ("resources/subscribe".equals(method)) {
                subscribe(session, principal, uri);
            } else if ("resources/unsubscribe".equals(method)) {
                watches.remove(new Key(session, uri));
            }
        }
    }

    /** Watches {@code uri} for {@code session} as {@code principal} reads it. */
    void subscribe(String session, Principal principal, String uri) {
        Key key = new Key(session, uri);
        if (watches.size() < MAX_WATCHES || watches.containsKey(key)) {
            watches.put(key, new Watch(principal, snapshot(principal, uri)));
        } else {
            LOG.warn("subscription ignored: {} watches already", MAX_WATCHES);
        }
    }

    /** {@code session}'s changes go to {@code own} instead of the transport's notifier. */
    void listen(String session, Notifier own) {
        listeners.put(session, own);
    }

    /** A session ended: drop its subscriptions. */
    void forget(String session) {
        listeners.remove(session);
        watches.keySet().removeIf(key -> key.session().equals(session));
    }

    /** A write was committed in {@code workspace}: check its subscriptions now rather than at the next tick. */
    void changed(WorkspaceId workspace) {
        try {
            timer.execute(() -> check(workspace));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closing: nobody is left to notify
        }
    }

    int size() {
        return watches.size();
    }

    void tick() {
        check(null);
    }

    /** Re-reads the subscriptions of {@code workspace} (null: all), on the timer's one thread. */
    private void check(WorkspaceId workspace) {
        try {
            for (Map.Entry<Key, Watch> entry : watches.entrySet()) {
                Key key = entry.getKey();
                Watch watch = entry.getValue();
                if (workspace != null && !workspace.equals(watch.principal.workspaceId())) {
                    continue;
                }
                String now = snapshot(watch.principal, key.uri());
                if (Objects.equals(now, watch.last)) {
                    continue;
                }
                watch.last = now;
                if (!listeners.getOrDefault(key.session(), notifier).notify(key.session(), key.uri())) {
                    forget(key.session());
                }
            }
        } catch (RuntimeException unexpected) {
            LOG.warn("status watch tick failed: {}", unexpected.getClass().getName());
        }
    }

    private String snapshot(Principal principal, String uri) {
        return resources.watched(principal, uri);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        watches.clear();
        listeners.clear();
    }
}
