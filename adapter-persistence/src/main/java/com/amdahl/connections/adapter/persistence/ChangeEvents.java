package com.amdahl.connections.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workspace change events. Every commit that raised a workspace's change counter is told to this
 * process's listeners right after the commit; on PostgreSQL it is also sent as {@code NOTIFY} on
 * {@link #CHANNEL} after the commit, by a sender thread of ours on a connection of its own
 * (coalesced: one NOTIFY per workspace per wake-up; never inside the writers' transactions, whose
 * commits a NOTIFY would serialize), and a thread of ours LISTENs on another connection, so that
 * other processes' commits reach the listeners here within milliseconds (ours come back as well).
 * A NOTIFY lost to a broken connection or a process that exits at once leaves the counter. Before telling, a remote event drops this process's reused
 * counter read ({@link ChangeCounters}), so the next read sees the commit. While the LISTEN
 * connection is down, the counter (re-read at least every 200 ms) is the fallback. H2 carries no
 * events across processes.
 */
final class ChangeEvents implements AutoCloseable {
    static final String CHANNEL = "connections_workspace_changes";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeEvents.class);

    /** Opens the LISTEN connection. */
    interface Connector {
        Connection open() throws SQLException;
    }

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final Connector connector;
    private final Consumer<String> remoteCommit;
    private volatile boolean closed;
    private volatile Connection listening;
    private Thread thread;
    private final Set<String> toSend = ConcurrentHashMap.newKeySet();
    private final Semaphore wake = new Semaphore(0);
    private Thread sender;

    /** {@code connector} null: no events across processes (H2). {@code remoteCommit} runs first for a remote event. */
    ChangeEvents(Connector connector, Consumer<String> remoteCommit) {
        this.connector = connector;
        this.remoteCommit = remoteCommit;
    }

    boolean acrossProcesses() {
        return connector != null;
    }


    /** This process committed writes raising these workspaces' counters. */
    void committed(Collection<String> workspaceIds) {
        for (String workspaceId : workspaceIds) {
            tell(workspaceId);
        }
        if (connector != null && !closed) {
            toSend.addAll(workspaceIds);
            startSending();
            wake.release();
        }
    }

    private synchronized void startSending() {
        if (sender != null || closed) {
            return;
        }
        sender = new Thread(this::sendLoop, "workspace-change-notify");
        sender.setDaemon(true);
        sender.start();
    }

    private void sendLoop() {
        Connection connection = null;
        boolean warned = false;
        try {
            while (!closed) {
                wake.acquire();
                wake.drainPermits();
                List<String> batch = new ArrayList<>(toSend);
                toSend.removeAll(batch);
                try {
                    if (connection == null) {
                        connection = connector.open();
                    }
                    try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                        for (String workspaceId : batch) {
                            notify.setString(1, CHANNEL);
                            notify.setString(2, workspaceId);
                            notify.executeQuery().close();
                        }
                    }
                    warned = false;
                } catch (SQLException | RuntimeException down) {
                    if (!warned && !closed) {
                        LOG.warn("workspace change events not sent ({}); other processes fall back to the change counter",
                                down.getClass().getName());
                        warned = true;
                    }
                    connection = closeQuietly(connection);
                    Thread.sleep(1000);
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(connection);
        }
    }

    private static Connection closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        return null;
    }

    AutoCloseable listen(Consumer<String> listener) {
        listeners.add(listener);
        startListening();
        return () -> listeners.remove(listener);
    }

    private void tell(String workspaceId) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(workspaceId);
            } catch (RuntimeException failed) {
                LOG.warn("a change listener failed: {}", failed.getClass().getName());
            }
        }
    }

    private synchronized void startListening() {
        if (connector == null || thread != null || closed) {
            return;
        }
        thread = new Thread(this::loop, "workspace-change-events");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        boolean warned = false;
        while (!closed) {
            try (Connection connection = connector.open()) {
                listening = connection;
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                warned = false;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        received(notification.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException down) {
                if (closed) {
                    return;
                }
                if (!warned) {
                    LOG.warn("workspace change events unavailable ({}); readers fall back to the change counter",
                            down.getClass().getName());
                    warned = true;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            } finally {
                listening = null;
            }
        }
    }

    /**
     * Our own commits come back too: told twice (at commit and here) costs a listener one more
     * check, and covers a commit whose local telling was missed (a transaction outside a unit of work).
     */
    private void received(String workspaceId) {
        if (workspaceId == null || workspaceId.isEmpty()) {
            return;
        }
        remoteCommit.accept(workspaceId);
        tell(workspaceId);
    }

    @Override
    public void close() {
        closed = true;
        listeners.clear();
        Thread running;
        synchronized (this) {
            running = thread;
            if (sender != null) {
                sender.interrupt();
            }
        }
        if (running != null) {
            running.interrupt();
            Connection connection = listening;
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
