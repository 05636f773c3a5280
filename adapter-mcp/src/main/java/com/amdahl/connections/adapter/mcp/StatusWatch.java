package com.amdahl.connections.adapter.mcp;

import com.amdahl.connections.application.Principal;
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
 * notified, exactly like a random id.
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
            Key key = new Key(session, uri);
            if ("resources/subscribe".equals(method)) {
                if (watches.size() < MAX_WATCHES || watches.containsKey(key)) {
                    watches.put(key, new Watch(principal, snapshot(principal, uri)));
                } else {
                    LOG.warn("subscription ignored: {} watches already", MAX_WATCHES);
                }
            } else if ("resources/unsubscribe".equals(method)) {
                watches.remove(key);
            }
        }
    }

    /** A session ended: drop its subscriptions. */
    void forget(String session) {
        watches.keySet().removeIf(key -> key.session().equals(session));
    }

    int size() {
        return watches.size();
    }

    void tick() {
        try {
            for (Map.Entry<Key, Watch> entry : watches.entrySet()) {
                Key key = entry.getKey();
                Watch watch = entry.getValue();
                String now = snapshot(watch.principal, key.uri());
                if (Objects.equals(now, watch.last)) {
                    continue;
                }
                watch.last = now;
                if (!notifier.notify(key.session(), key.uri())) {
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
    }
}
