package com.amdahl.connections.application.testing;

import com.amdahl.connections.application.port.out.ApiToken;
import com.amdahl.connections.application.port.out.CadenceOverrides;
import com.amdahl.connections.application.port.out.ConcurrentUpdate;
import com.amdahl.connections.application.port.out.ConnectionRepository;
import com.amdahl.connections.application.port.out.ConnectionSnapshot;
import com.amdahl.connections.application.port.out.CredentialVault;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.EventLog;
import com.amdahl.connections.application.port.out.OAuthState;
import com.amdahl.connections.application.port.out.OAuthStateStore;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.SchedulingQueries;
import com.amdahl.connections.application.port.out.StreamCursors;
import com.amdahl.connections.application.port.out.SocialAccountAlreadyTracked;
import com.amdahl.connections.application.port.out.SyncRunRepository;
import com.amdahl.connections.application.port.out.TokenStore;
import com.amdahl.connections.application.port.out.UnitOfWork;
import com.amdahl.connections.application.port.out.WorkspaceDirectory;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionEvent;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.Member;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.Workspace;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Every storage port in memory, for application and adapter tests. A unit of work holds one
 * global lock and restores a snapshot of everything when the work throws, so rollback is real.
 */
public final class InMemoryStorage implements UnitOfWork {
    private final ReentrantLock lock = new ReentrantLock();
    private Map<String, Connection> connections = new LinkedHashMap<>();
    private Map<String, SyncRun> runs = new LinkedHashMap<>();
    private List<ConnectionEvent> events = new ArrayList<>();
    private Map<String, Credentials> credentials = new HashMap<>();
    private Map<String, OAuthState> states = new HashMap<>();
    private Map<String, Workspace> workspaces = new HashMap<>();
    /**
     * One counter for every workspace, raised by every write to connections, runs, credentials and events:
     * coarser than the database's per-workspace counter (and never lowered by a rollback), which
     * only costs a reader a re-render.
     */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    private Map<String, Member> members = new HashMap<>();
    private Map<String, ApiToken> tokens = new HashMap<>();
    private Map<String, Cadence> cadences = new HashMap<>();
    private Map<String, String> cursorValues = new HashMap<>();
    private Map<String, String> records = new LinkedHashMap<>();

    /** How many times a list of connections was read: one per call proves there is no N+1. */
    public int snapshotListCalls;

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                return work.get();
            }
            List<Object> saved = List.of(new LinkedHashMap<>(connections), new LinkedHashMap<>(runs), new ArrayList<>(events),
                    new HashMap<>(credentials), new HashMap<>(states), new HashMap<>(workspaces),
                    new HashMap<>(members), new HashMap<>(tokens), new HashMap<>(cadences),
                    new HashMap<>(cursorValues), new LinkedHashMap<>(records));
            try {
                return work.get();
            } catch (RuntimeException failure) {
                restore(saved);
                throw failure;
            }
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private void restore(List<Object> saved) {
        connections = (Map<String, Connection>) saved.get(0);
        runs = (Map<String, SyncRun>) saved.get(1);
        events = (List<ConnectionEvent>) saved.get(2);
        credentials = (Map<String, Credentials>) saved.get(3);
        states = (Map<String, OAuthState>) saved.get(4);
        workspaces = (Map<String, Workspace>) saved.get(5);
        members = (Map<String, Member>) saved.get(6);
        tokens = (Map<String, ApiToken>) saved.get(7);
        cadences = (Map<String, Cadence>) saved.get(8);
        cursorValues = (Map<String, String>) saved.get(9);
        records = (Map<String, String>) saved.get(10);
    }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    private static String key(WorkspaceId workspaceId, Object id) {
        return workspaceId.value() + "/" + id;
    }

    public final ConnectionRepository connectionRepository = new ConnectionRepository() {
        @Override
        public void insert(Connection connection) {
            locked(() -> {
                if (connection.profile().social() != null && findBySocialAccount(connection.workspaceId(),
                        connection.connectorType(), connection.profile().social().externalAccountId()).isPresent()) {
                    throw new SocialAccountAlreadyTracked();
                }
                connections.put(key(connection.workspaceId(), connection.id()), connection);
                changes.incrementAndGet();
                return null;
            });
        }

        @Override
        public Connection update(Connection connection) {
            return locked(() -> {
                String key = key(connection.workspaceId(), connection.id());
                Connection stored = connections.get(key);
                if (stored == null || stored.version() != connection.version()) {
                    throw new ConcurrentUpdate();
                }
                changes.incrementAndGet();
                Connection next = Connection.restore(connection.id(), connection.workspaceId(),
                        connection.connectorType(), connection.createdAt(), connection.connectedByUserId(),
                        connection.profile(), connection.lifecycle(), connection.sync(), connection.version() + 1);
                connections.put(key, next);
                return next;
            });
        }

        @Override
        public Optional<Connection> find(WorkspaceId workspaceId, ConnectionId id) {
            return locked(() -> Optional.ofNullable(connections.get(key(workspaceId, id))));
        }

        @Override
        public Optional<ConnectionSnapshot> findSnapshot(WorkspaceId workspaceId, ConnectionId id) {
            return locked(() -> find(workspaceId, id).map(c -> new ConnectionSnapshot(c, lastRun(c))));
        }

        @Override
        public List<ConnectionSnapshot> listSnapshots(WorkspaceId workspaceId) {
            return locked(() -> {
                snapshotListCalls++;
                return connections.values().stream()
                        .filter(c -> c.workspaceId().equals(workspaceId))
                        .sorted(Comparator.comparing(Connection::createdAt).reversed()
                                .thenComparing(c -> c.id().value(), Comparator.reverseOrder()))
                        .map(c -> new ConnectionSnapshot(c, lastRun(c)))
                        .toList();
            });
        }

        @Override
        public Optional<ConnectionId> findBySocialAccount(WorkspaceId workspaceId, String connectorType,
                String externalAccountId) {
            return locked(() -> connections.values().stream()
                    .filter(c -> c.workspaceId().equals(workspaceId) && c.connectorType().equals(connectorType)
                            && c.profile().social() != null
                            && c.profile().social().externalAccountId().equals(externalAccountId))
                    .map(Connection::id).findFirst());
        }

        private SyncRun lastRun(Connection connection) {
            return newestFirst(connection.workspaceId(), connection.id()).stream().findFirst().orElse(null);
        }
    };

    private List<SyncRun> newestFirst(WorkspaceId workspaceId, ConnectionId connectionId) {
        return runs.values().stream()
                .filter(r -> r.workspaceId().equals(workspaceId) && r.connectionId().equals(connectionId))
                .sorted(Comparator.comparing(SyncRun::startedAt).thenComparing(r -> r.id().value()).reversed())
                .toList();
    }

    public final SyncRunRepository runRepository = new SyncRunRepository() {
        @Override
        public void insert(SyncRun run) {
            locked(() -> {
                changes.incrementAndGet();
                return runs.put(key(run.workspaceId(), run.id()), run);
            });
        }

        @Override
        public void update(SyncRun run) {
            locked(() -> {
                if (!runs.containsKey(key(run.workspaceId(), run.id()))) {
                    throw new IllegalStateException("no such run");
                }
                changes.incrementAndGet();
                return runs.put(key(run.workspaceId(), run.id()), run);
            });
        }

        @Override
        public Optional<SyncRun> find(WorkspaceId workspaceId, RunId id) {
            return locked(() -> Optional.ofNullable(runs.get(key(workspaceId, id))));
        }

        @Override
        public List<SyncRun> listRecent(WorkspaceId workspaceId, ConnectionId connectionId, int limit) {
            return locked(() -> newestFirst(workspaceId, connectionId).stream().limit(limit).toList());
        }
    };

    /** Every connection of every workspace, for fakes that scan across workspaces. */
    public List<Connection> allConnections() {
        return locked(() -> List.copyOf(connections.values()));
    }

    /** Every run of every workspace, for assertions. */
    public List<SyncRun> allRuns() {
        return locked(() -> List.copyOf(runs.values()));
    }

    public final EventLog eventLog = new EventLog() {
        @Override
        public void append(ConnectionEvent event) {
            locked(() -> {
                changes.incrementAndGet();
                return events.add(event);
            });
        }

        @Override
        public List<ConnectionEvent> listRecent(WorkspaceId workspaceId, ConnectionId connectionId, int limit) {
            return locked(() -> {
                List<ConnectionEvent> matching = new ArrayList<>();
                for (int i = events.size() - 1; i >= 0 && matching.size() < limit; i--) {
                    ConnectionEvent e = events.get(i);
                    if (e.workspaceId().equals(workspaceId) && e.connectionId().equals(connectionId)) {
                        matching.add(e);
                    }
                }
                return matching;
            });
        }
    };

    public final CredentialVault vault = new CredentialVault() {
        @Override
        public void store(WorkspaceId workspaceId, ConnectionId connectionId, Credentials value) {
            locked(() -> {
                changes.incrementAndGet();
                return credentials.put(key(workspaceId, connectionId), value);
            });
        }

        @Override
        public Optional<Credentials> load(WorkspaceId workspaceId, ConnectionId connectionId) {
            return locked(() -> Optional.ofNullable(credentials.get(key(workspaceId, connectionId))));
        }

        @Override
        public void erase(WorkspaceId workspaceId, ConnectionId connectionId) {
            locked(() -> {
                changes.incrementAndGet();
                return credentials.remove(key(workspaceId, connectionId));
            });
        }
    };

    public final OAuthStateStore stateStore = new OAuthStateStore() {
        @Override
        public void save(OAuthState state) {
            locked(() -> states.put(state.stateHash(), state));
        }

        @Override
        public Optional<OAuthState> find(String stateHash) {
            return locked(() -> Optional.ofNullable(states.get(stateHash)));
        }

        @Override
        public boolean markUsed(String stateHash, Instant at) {
            return locked(() -> {
                OAuthState s = states.get(stateHash);
                if (s == null || s.isUsed()) {
                    return false;
                }
                states.put(stateHash, new OAuthState(s.stateHash(), s.workspaceId(), s.userId(), s.connectionId(),
                        s.connectorType(), s.reconnect(), s.returnTo(), s.codeVerifier(), s.createdAt(),
                        s.expiresAt(), at));
                return true;
            });
        }

        @Override
        public int deleteExpired(Instant cutoff) {
            return locked(() -> {
                int before = states.size();
                states.values().removeIf(s -> s.expiresAt().isBefore(cutoff));
                return before - states.size();
            });
        }
    };

    public final WorkspaceDirectory directory = new WorkspaceDirectory() {
        @Override
        public boolean createWorkspace(Workspace workspace) {
            return locked(() -> workspaces.putIfAbsent(workspace.id().value(), workspace) == null);
        }

        @Override
        public Optional<Workspace> findWorkspace(WorkspaceId id) {
            return locked(() -> Optional.ofNullable(workspaces.get(id.value())));
        }

        @Override
        public void saveMember(Member member) {
            locked(() -> members.put(key(member.workspaceId(), member.userId()), member));
        }

        @Override
        public Optional<Member> findMember(WorkspaceId workspaceId, UserId userId) {
            return locked(() -> Optional.ofNullable(members.get(key(workspaceId, userId))));
        }

        @Override
        public long changeCounter(WorkspaceId workspaceId) {
            return changes.get();
        }
    };

    public final TokenStore tokenStore = new TokenStore() {
        @Override
        public void save(ApiToken token) {
            locked(() -> tokens.put(token.tokenHash(), token));
        }

        @Override
        public Optional<ApiToken> findByHash(String tokenHash) {
            return locked(() -> Optional.ofNullable(tokens.get(tokenHash)));
        }

        @Override
        public void touch(String tokenId, Instant at) {
            locked(() -> {
                tokens.replaceAll((hash, t) -> t.id().equals(tokenId) ? new ApiToken(t.id(), t.tokenHash(),
                        t.workspaceId(), t.userId(), t.scopes(), t.platformAdmin(), t.createdAt(), at) : t);
                return null;
            });
        }
    };

    /** Every stored token, for assertions that only hashes are kept. */
    public List<ApiToken> allTokens() {
        return locked(() -> List.copyOf(tokens.values()));
    }

    public final CadenceOverrides cadenceOverrides = new CadenceOverrides() {
        @Override
        public Map<String, Cadence> all() {
            return locked(() -> Map.copyOf(cadences));
        }

        @Override
        public void set(String connectorType, Cadence cadence) {
            locked(() -> {
                if (cadence == null) {
                    cadences.remove(connectorType);
                } else {
                    cadences.put(connectorType, Objects.requireNonNull(cadence));
                }
                return null;
            });
        }
    };

    public final SchedulingQueries schedulingQueries = new SchedulingQueries() {
        @Override
        public List<ConnectionRef> findDueCandidates(Map<String, Instant> dispatchedBeforeByType,
                java.util.Set<WorkspaceId> excluded, int perWorkspace, int limit, Instant now) {
            return locked(() -> SchedulingQueries.roundRobin(connections.values().stream()
                    .filter(c -> !excluded.contains(c.workspaceId()))
                    .filter(c -> now == null || c.sync().lastOutcome() == null || !c.sync().lastOutcome().heldAt(now))
                    .filter(c -> dispatchedBeforeByType.containsKey(c.connectorType()))
                    .filter(c -> c.lifecycle().connectedAt() != null && !c.lifecycle().needsReauth()
                            && !c.sync().hasRunInFlight())
                    .filter(c -> switch (c.status()) {
                        case CONNECTED, ERROR -> true;
                        default -> false;
                    })
                    .filter(c -> c.sync().lastDispatchedAt() == null
                            || !c.sync().lastDispatchedAt().isAfter(dispatchedBeforeByType.get(c.connectorType())))
                    .map(c -> new ConnectionRef(c.workspaceId(), c.id(), c.connectorType())).toList(),
                    ConnectionRef::workspaceId, perWorkspace, limit));
        }

        @Override
        public Map<WorkspaceId, InFlight> runsInFlight() {
            return locked(() -> {
                Map<WorkspaceId, InFlight> counts = new java.util.LinkedHashMap<>();
                for (SyncRun r : runs.values()) {
                    boolean pending = r.status() == com.amdahl.connections.domain.sync.SyncRunStatus.PENDING;
                    boolean running = r.status() == com.amdahl.connections.domain.sync.SyncRunStatus.RUNNING;
                    if (pending || running) {
                        InFlight was = counts.getOrDefault(r.workspaceId(), new InFlight(0, 0));
                        counts.put(r.workspaceId(), new InFlight(was.pending() + (pending ? 1 : 0),
                                was.running() + (running ? 1 : 0)));
                    }
                }
                return counts;
            });
        }

        @Override
        public int runningIn(WorkspaceId workspaceId) {
            return locked(() -> (int) runs.values().stream().filter(r -> r.workspaceId().equals(workspaceId)
                    && r.status() == com.amdahl.connections.domain.sync.SyncRunStatus.RUNNING).count());
        }

        @Override
        public List<RunRef> findExpiredRuns(Instant runningHeartbeatBefore, Instant pendingSince, int limit) {
            return locked(() -> runs.values().stream()
                    .filter(r -> (r.status() == com.amdahl.connections.domain.sync.SyncRunStatus.RUNNING
                            && r.heartbeatAt().isBefore(runningHeartbeatBefore))
                            || (r.status() == com.amdahl.connections.domain.sync.SyncRunStatus.PENDING
                            && r.startedAt().isBefore(pendingSince)))
                    .limit(limit).map(r -> new RunRef(r.workspaceId(), r.id())).toList());
        }

        @Override
        public List<RunRef> findPendingRuns(java.util.Set<WorkspaceId> excluded, int perWorkspace, int limit) {
            return locked(() -> SchedulingQueries.roundRobin(runs.values().stream()
                    .filter(r -> r.status() == com.amdahl.connections.domain.sync.SyncRunStatus.PENDING)
                    .filter(r -> !excluded.contains(r.workspaceId()))
                    .sorted(Comparator.comparing(SyncRun::startedAt))
                    .map(r -> new RunRef(r.workspaceId(), r.id())).toList(), RunRef::workspaceId, perWorkspace, limit));
        }

        @Override
        public int deleteOldRuns(Instant cutoff, int keep, int batch) {
            return locked(() -> {
                List<String> doomed = new ArrayList<>();
                Map<String, Integer> seen = new HashMap<>();
                runs.entrySet().stream()
                        .sorted(Comparator.comparing((Map.Entry<String, SyncRun> e) -> e.getValue().startedAt()).reversed())
                        .forEach(e -> {
                            SyncRun r = e.getValue();
                            int rank = seen.merge(r.connectionId().value(), 1, Integer::sum);
                            if (rank > keep && !r.status().inFlight() && r.startedAt().isBefore(cutoff)
                                    && doomed.size() < batch) {
                                doomed.add(e.getKey());
                            }
                        });
                doomed.forEach(runs::remove);
                return doomed.size();
            });
        }
    };

    public final RecordSink recordSink = (workspaceId, connectionId, stream, page) -> locked(() -> {
        page.forEach(r -> records.put(key(workspaceId, connectionId) + "/" + stream + "/" + r.externalId(), r.payloadJson()));
        return com.amdahl.connections.domain.sync.RecordCounts.written(page.size());
    });

    /** The stored records of a connection's stream, by external id. */
    public Map<String, String> records(WorkspaceId workspaceId, ConnectionId connectionId, String stream) {
        String prefix = key(workspaceId, connectionId) + "/" + stream + "/";
        return locked(() -> {
            Map<String, String> found = new LinkedHashMap<>();
            records.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    found.put(k.substring(prefix.length()), v);
                }
            });
            return found;
        });
    }

    public final StreamCursors cursors = new StreamCursors() {
        @Override
        public Optional<String> get(WorkspaceId workspaceId, ConnectionId connectionId, String stream) {
            return locked(() -> Optional.ofNullable(cursorValues.get(key(workspaceId, connectionId) + "/" + stream)));
        }

        @Override
        public void put(WorkspaceId workspaceId, ConnectionId connectionId, String stream, String cursor) {
            locked(() -> cursorValues.put(key(workspaceId, connectionId) + "/" + stream, cursor));
        }

        @Override
        public void clear(WorkspaceId workspaceId, ConnectionId connectionId) {
            String prefix = key(workspaceId, connectionId) + "/";
            locked(() -> cursorValues.keySet().removeIf(k -> k.startsWith(prefix)));
        }
    };
}
