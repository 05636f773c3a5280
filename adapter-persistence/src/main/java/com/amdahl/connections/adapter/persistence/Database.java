package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.UnitOfWork;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Hands out Jdbi handles: the thread's unit-of-work handle when one is open (so every repository
 * call inside {@link #inTransaction} shares its transaction), else a short handle per call.
 */
final class Database implements UnitOfWork {
    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final ChangeCounters counters = new ChangeCounters();
    private ChangeEvents events = new ChangeEvents(null, workspaceId -> { });
    private final ThreadLocal<Handle> current = new ThreadLocal<>();
    /** Workspaces the open unit of work wrote read inputs for; their counters rise just before commit. */
    private final ThreadLocal<Set<String>> changedWorkspaces = ThreadLocal.withInitial(TreeSet::new);

    Database(Jdbi jdbi, DataSource dataSource) {
        this.jdbi = jdbi;
        this.dataSource = dataSource;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Carries change events across processes through {@code connector}'s LISTEN connection (PostgreSQL). */
    void eventsAcrossProcesses(ChangeEvents.Connector connector) {
        events = new ChangeEvents(connector, counters::forget);
    }

    ChangeEvents events() {
        return events;
    }

    <T> T withHandle(Function<Handle, T> work) {
        Handle handle = current.get();
        if (handle != null) {
            return work.apply(handle);
        }
        try (Handle own = jdbi.open()) {
            return work.apply(own);
        } catch (RuntimeException e) {
            throw Outages.translate(e);
        }
    }

    /** One statement's work on a plain JDBC connection. */
    @FunctionalInterface
    interface JdbcWork<T> {
        T apply(java.sql.Connection connection) throws SQLException;
    }

    /**
     * {@code work} on the open unit of work's connection, or on a pooled one. For the hottest
     * primary-key lookups only (the change counter, read on every poll): there, Jdbi's handle and
     * statement machinery cost several times the query.
     */
    <T> T withJdbc(JdbcWork<T> work) {
        Handle handle = current.get();
        try {
            if (handle != null) {
                return work.apply(handle.getConnection());
            }
            try (java.sql.Connection own = dataSource.getConnection()) {
                return work.apply(own);
            }
        } catch (SQLException e) {
            throw Outages.translate(new IllegalStateException("a database read failed", e));
        }
    }

    /** Runs {@code work} in a transaction of its own, or in the open unit of work. */
    <T> T inOwnOrCurrentTransaction(Function<Handle, T> work) {
        Handle handle = current.get();
        if (handle != null) {
            return work.apply(handle);
        }
        try {
            T result = jdbi.inTransaction(work::apply);
            counters.committedLocally(); // cheap, and the transaction may have raised a counter
            return result;
        } catch (RuntimeException e) {
            throw Outages.translate(e);
        }
    }

    /**
     * Runs a write that may break a constraint. Inside a unit of work it runs under a savepoint, so
     * the refusal leaves the surrounding transaction usable (PostgreSQL aborts it otherwise).
     */
    <T> T guarded(Handle handle, Supplier<T> write) {
        if (!handle.isInTransaction()) {
            return write.get();
        }
        String savepoint = "guarded_write";
        handle.savepoint(savepoint);
        try {
            T result = write.get();
            handle.releaseSavepoint(savepoint);
            return result;
        } catch (RuntimeException e) {
            handle.rollbackToSavepoint(savepoint);
            throw e;
        }
    }

    /**
     * Records that {@code handle} wrote something the workspace's connection reads show. Inside a
     * unit of work the counter rises once, as the last statement before commit, so the workspace
     * row is locked only for the commit itself; otherwise it rises right after the write (a reader
     * between the two sees new data under the old counter, which only makes its copy too fresh).
     */
    void changed(Handle handle, String workspaceId) {
        if (handle == current.get()) {
            changedWorkspaces.get().add(workspaceId);
        } else {
            // A transaction of its own (not a unit of work) commits later, out of our sight: its NOTIFY
            // rides in it. An autocommitted write is committed now, and told (and sent) like a unit of work.
            boolean ownTransaction = handle.isInTransaction();
            raise(handle, List.of(workspaceId), ownTransaction);
            counters.committedLocally();
            if (!ownTransaction) {
                events.committed(List.of(workspaceId));
            }
        }
    }

    /** The workspace's change counter, as {@link ChangeCounters} bounds its age. */
    long changeCounter(String workspaceId, java.util.function.LongSupplier fromDatabase) {
        return counters.current(workspaceId, fromDatabase);
    }

    /**
     * Raises the counters; {@code notifyInTransaction}: the NOTIFY goes in the same transaction
     * (delivered at its commit). Otherwise {@link ChangeEvents#committed} sends it after the commit
     * from a connection of its own: a NOTIFY inside a transaction serializes every such commit on
     * PostgreSQL's notification queue lock, which slowed concurrent syncs measurably.
     */
    private void raise(Handle handle, Collection<String> workspaceIds, boolean notifyInTransaction) {
        // In id order, so two transactions raising the same workspaces cannot deadlock.
        for (String workspaceId : workspaceIds) {
            handle.createUpdate("UPDATE workspaces SET change_seq = change_seq + 1 WHERE id = :id")
                    .bind("id", workspaceId).execute();
            if (notifyInTransaction && events.acrossProcesses()) {
                handle.createQuery("SELECT pg_notify(:channel, :payload)").bind("channel", ChangeEvents.CHANNEL)
                        .bind("payload", workspaceId).mapToMap().list();
            }
        }
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get(); // nested: join the outer transaction
        }
        try (Handle handle = jdbi.open()) {
            current.set(handle);
            try {
                T result = handle.inTransaction(h -> {
                    T inside = work.get();
                    raise(h, changedWorkspaces.get(), false);
                    return inside;
                });
                if (!changedWorkspaces.get().isEmpty()) {
                    counters.committedLocally();
                    events.committed(List.copyOf(changedWorkspaces.get()));
                }
                return result;
            } finally {
                current.remove();
                changedWorkspaces.remove();
            }
        } catch (RuntimeException e) {
            throw Outages.translate(e);
        }
    }
}
