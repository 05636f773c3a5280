package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.ReadinessProbe;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Ready when the database answers within {@link #ANSWER_WITHIN} and no migration of this build is
 * pending or failed: one query when the history shows exactly this build's migrations (see
 * {@link SchemaHistory}); Flyway, started on first need, finds the reason otherwise. The check runs
 * on its own thread, so a probe gets its answer in time even while the pool waits for a database
 * that is gone; one check at a time. Reasons name neither the
 * URL nor the driver's message (which may quote it).
 */
final class SchemaReadiness implements ReadinessProbe, AutoCloseable {
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    private static final String NO_ANSWER = "The database does not answer";

    private final DataSource pool;
    private Flyway flyway; // only the checker thread touches it
    private final ExecutorService checker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "readiness-check");
        t.setDaemon(true);
        return t;
    });
    private Future<Optional<String>> inFlight;

    SchemaReadiness(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public synchronized Optional<String> notReadyReason() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = checker.submit(this::check);
        }
        try {
            return inFlight.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException slowOrBroken) {
            return Optional.of(NO_ANSWER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(NO_ANSWER);
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }

    private Optional<String> check() {
        try (Connection connection = pool.getConnection()) {
            if (!connection.isValid((int) ANSWER_WITHIN.toSeconds())) {
                return Optional.of(NO_ANSWER);
            }
        } catch (Exception unreachable) {
            return Optional.of(NO_ANSWER);
        }
        if (SchemaHistory.isCurrent(pool)) {
            return Optional.empty();
        }
        try {
            if (flyway == null) {
                flyway = Flyway.configure().dataSource(pool).locations("classpath:db/migration").load();
            }
            var info = flyway.info();
            MigrationInfo[] pending = info.pending();
            if (pending.length > 0) {
                return Optional.of(pending.length + " database migration(s) are pending");
            }
            for (MigrationInfo applied : info.applied()) {
                if (applied.getState().isFailed()) {
                    return Optional.of("A database migration failed: version " + applied.getVersion());
                }
            }
        } catch (RuntimeException unreadable) {
            return Optional.of("The schema history cannot be read");
        }
        return Optional.empty();
    }
}
