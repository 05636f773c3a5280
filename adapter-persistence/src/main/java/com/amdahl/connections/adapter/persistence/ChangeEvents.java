package com.amdahl.connections.adapter.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workspace change events. Every commit that raised a workspace's change counter is told to this
 * process's listeners right after the commit; on PostgreSQL the same transaction also sends
 * {@code NOTIFY} on {@link #CHANNEL} (delivered at commit, never for a rollback), which a thread
 * of ours LISTENs to on a connection of its own, so that other processes' commits reach the
 * listeners here within milliseconds (ours come back as well). Before telling, a remote event drops this process's reused
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
