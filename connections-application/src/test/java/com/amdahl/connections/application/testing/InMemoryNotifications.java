package com.amdahl.connections.application.testing;

import com.amdahl.connections.application.port.out.NotificationDelivery;
import com.amdahl.connections.application.port.out.NotificationDelivery.State;
import com.amdahl.connections.application.port.out.NotificationEndpointStore;
import com.amdahl.connections.application.port.out.NotificationOutbox;
import com.amdahl.connections.application.port.out.NotificationPorts;
import com.amdahl.connections.application.port.out.StaleMarks;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.notification.NotificationEndpoint;
import com.amdahl.connections.domain.notification.NotificationEndpointId;
import com.amdahl.connections.domain.notification.NotificationType;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Notification storage in memory (endpoints, outbox, stale marks), with the claim rules of the real outbox. */
public final class InMemoryNotifications {
    private final InMemoryStorage storage;
    private final Map<String, NotificationEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, String> secrets = new HashMap<>();
    private final List<Row> outbox = new ArrayList<>();
    private final Set<String> marks = new HashSet<>();
    public final FakeNotificationSender sender = new FakeNotificationSender();

    private static final class Row {
        NotificationDelivery delivery;
        String leaseOwner;
        Instant leaseUntil;

        Row(NotificationDelivery delivery) {
            this.delivery = delivery;
        }
    }

    public InMemoryNotifications(InMemoryStorage storage) {
        this.storage = storage;
    }

    public NotificationPorts ports() {
        return new NotificationPorts(endpointStore, outboxStore, staleMarks, sender);
    }

    /** Every delivery ever enqueued, oldest first. */
    public synchronized List<NotificationDelivery> allDeliveries() {
        return outbox.stream().map(r -> r.delivery).toList();
    }

    private static String key(WorkspaceId workspaceId, Object id) {
        return workspaceId.value() + "/" + id;
    }

    public final NotificationEndpointStore endpointStore = new NotificationEndpointStore() {
        @Override
        public void insert(NotificationEndpoint endpoint, String signingSecret) {
            synchronized (InMemoryNotifications.this) {
                endpoints.put(key(endpoint.workspaceId(), endpoint.id()), endpoint);
                secrets.put(key(endpoint.workspaceId(), endpoint.id()), signingSecret);
            }
        }

        @Override
        public void update(NotificationEndpoint endpoint) {
            synchronized (InMemoryNotifications.this) {
                endpoints.replace(key(endpoint.workspaceId(), endpoint.id()), endpoint);
            }
        }

        @Override
        public void replaceSecret(WorkspaceId workspaceId, NotificationEndpointId id, String signingSecret) {
            synchronized (InMemoryNotifications.this) {
                secrets.replace(key(workspaceId, id), signingSecret);
            }
        }

        @Override
        public boolean delete(WorkspaceId workspaceId, NotificationEndpointId id) {
            synchronized (InMemoryNotifications.this) {
                outbox.removeIf(r -> r.delivery.workspaceId().equals(workspaceId) && r.delivery.endpointId().equals(id));
                secrets.remove(key(workspaceId, id));
                return endpoints.remove(key(workspaceId, id)) != null;
            }
        }

        @Override
        public Optional<NotificationEndpoint> find(WorkspaceId workspaceId, NotificationEndpointId id) {
            synchronized (InMemoryNotifications.this) {
                return Optional.ofNullable(endpoints.get(key(workspaceId, id)));
            }
        }

        @Override
        public List<NotificationEndpoint> list(WorkspaceId workspaceId) {
            synchronized (InMemoryNotifications.this) {
                return endpoints.values().stream().filter(e -> e.workspaceId().equals(workspaceId)).toList();
            }
        }

        @Override
        public List<NotificationEndpoint> subscribers(WorkspaceId workspaceId, NotificationType type) {
            return list(workspaceId).stream().filter(e -> e.subscribesTo(type)).toList();
        }

        @Override
        public void recordFailure(WorkspaceId workspaceId, NotificationEndpointId id, Instant at) {
            synchronized (InMemoryNotifications.this) {
                endpoints.computeIfPresent(key(workspaceId, id), (k, e) -> e.failingSince() != null ? e
                        : new NotificationEndpoint(e.id(), e.workspaceId(), e.url(), e.events(), e.description(),
                                e.enabled(), e.disabledReason(), at, e.createdAt(), at));
            }
        }

        @Override
        public void recordSuccess(WorkspaceId workspaceId, NotificationEndpointId id) {
            synchronized (InMemoryNotifications.this) {
                endpoints.computeIfPresent(key(workspaceId, id), (k, e) -> new NotificationEndpoint(e.id(),
                        e.workspaceId(), e.url(), e.events(), e.description(), e.enabled(), e.disabledReason(), null,
                        e.createdAt(), e.updatedAt()));
            }
        }

        @Override
        public boolean disable(WorkspaceId workspaceId, NotificationEndpointId id, String reason, Instant at) {
            synchronized (InMemoryNotifications.this) {
                NotificationEndpoint e = endpoints.get(key(workspaceId, id));
                if (e == null || !e.enabled()) {
                    return false;
                }
                endpoints.put(key(workspaceId, id), new NotificationEndpoint(e.id(), e.workspaceId(), e.url(),
                        e.events(), e.description(), false, reason, e.failingSince(), e.createdAt(), at));
                return true;
            }
        }

        @Override
        public Optional<String> signingSecret(WorkspaceId workspaceId, NotificationEndpointId id) {
            synchronized (InMemoryNotifications.this) {
                return Optional.ofNullable(secrets.get(key(workspaceId, id)));
            }
        }
    };

    public final NotificationOutbox outboxStore = new NotificationOutbox() {
        @Override
        public void enqueue(NotificationDelivery delivery) {
            synchronized (InMemoryNotifications.this) {
                outbox.add(new Row(delivery));
            }
        }

        @Override
        public List<NotificationDelivery> claimDue(Instant now, String owner, Instant leaseUntil, int limit) {
            synchronized (InMemoryNotifications.this) {
                List<NotificationDelivery> claimed = new ArrayList<>();
                Set<String> queuesSeen = new HashSet<>();
                for (Row row : outbox) {
                    NotificationDelivery d = row.delivery;
                    if (d.state() != State.PENDING || claimed.size() >= limit) {
                        continue;
                    }
                    String queue = d.endpointId() + "/" + Objects.toString(d.connectionId(), "");
                    if (!queuesSeen.add(queue)) {
                        continue; // not first in its queue
                    }
                    NotificationEndpoint endpoint = endpoints.get(key(d.workspaceId(), d.endpointId()));
                    boolean leased = row.leaseUntil != null && row.leaseUntil.isAfter(now);
                    if (endpoint != null && endpoint.enabled() && !d.nextAttemptAt().isAfter(now) && !leased) {
                        row.leaseOwner = owner;
                        row.leaseUntil = leaseUntil;
                        claimed.add(d);
                    }
                }
                return claimed;
            }
        }

        @Override
        public boolean recordAttempt(String deliveryId, String owner, State state, Integer statusCode, String error,
                Instant nextAttemptAt, Instant now) {
            synchronized (InMemoryNotifications.this) {
                for (Row row : outbox) {
                    NotificationDelivery d = row.delivery;
                    if (d.id().equals(deliveryId) && owner.equals(row.leaseOwner)) {
                        row.delivery = new NotificationDelivery(d.id(), d.eventId(), d.workspaceId(), d.endpointId(),
                                d.connectionId(), d.type(), d.body(), state, d.attempts() + 1,
                                state == State.PENDING ? nextAttemptAt : null, statusCode, error, d.createdAt(),
                                state == State.PENDING ? null : now);
                        row.leaseOwner = null;
                        row.leaseUntil = null;
                        return true;
                    }
                }
                return false;
            }
        }

        @Override
        public List<NotificationDelivery> recent(WorkspaceId workspaceId, NotificationEndpointId endpointId, int limit) {
            synchronized (InMemoryNotifications.this) {
                List<NotificationDelivery> mine = new ArrayList<>(outbox.stream().map(r -> r.delivery)
                        .filter(d -> d.workspaceId().equals(workspaceId) && d.endpointId().equals(endpointId)).toList());
                java.util.Collections.reverse(mine);
                return mine.stream().limit(limit).toList();
            }
        }

        @Override
        public int purgeFinishedBefore(Instant cutoff, int limit) {
            synchronized (InMemoryNotifications.this) {
                int before = outbox.size();
                List<Row> old = outbox.stream().filter(r -> r.delivery.finishedAt() != null
                        && r.delivery.finishedAt().isBefore(cutoff)).limit(limit).toList();
                outbox.removeAll(old);
                return before - outbox.size();
            }
        }

        @Override
        public long pendingCount() {
            synchronized (InMemoryNotifications.this) {
                return outbox.stream().filter(r -> r.delivery.state() == State.PENDING).count();
            }
        }
    };

    public final StaleMarks staleMarks = new StaleMarks() {
        @Override
        public boolean isMarked(WorkspaceId workspaceId, ConnectionId connectionId) {
            synchronized (InMemoryNotifications.this) {
                return marks.contains(key(workspaceId, connectionId));
            }
        }

        @Override
        public void mark(WorkspaceId workspaceId, ConnectionId connectionId, Instant at) {
            synchronized (InMemoryNotifications.this) {
                marks.add(key(workspaceId, connectionId));
            }
        }

        @Override
        public void unmark(WorkspaceId workspaceId, ConnectionId connectionId) {
            synchronized (InMemoryNotifications.this) {
                marks.remove(key(workspaceId, connectionId));
            }
        }

        @Override
        public List<Candidate> unmarkedStaleCandidates(Instant cutoff, int limit) {
            return storage.allConnections().stream()
                    .filter(c -> c.status() == ConnectionStatus.CONNECTED && !c.isSyncing()
                            && !c.lifecycle().needsReauth() && !isMarked(c.workspaceId(), c.id()))
                    .filter(c -> c.sync().lastOutcome() == null || (!c.sync().lastOutcome().failed()
                            && !c.sync().lastOutcome().degraded()))
                    .filter(c -> reference(c) != null && reference(c).isBefore(cutoff))
                    .sorted(Comparator.comparing(c -> c.id().value()))
                    .limit(limit)
                    .map(c -> new Candidate(c.workspaceId(), c.id()))
                    .toList();
        }

        private Instant reference(Connection c) {
            return c.sync().lastSyncedAt() != null ? c.sync().lastSyncedAt()
                    : c.lifecycle().connectedAt() != null ? c.lifecycle().connectedAt() : c.lifecycle().statusChangedAt();
        }
    };
}
