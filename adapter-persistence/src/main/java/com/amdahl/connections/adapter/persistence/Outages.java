package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a lost or unreachable database from every other failure, so callers get
 * {@code database_unavailable} (503) instead of an internal error. The transaction that failed
 * was rolled back (or never committed): nothing is half-written.
 */
final class Outages {
    /** H2: connection broken, database closed, closed at VM shutdown, cannot open the file. */
    private static final Set<Integer> H2_OUTAGES = Set.of(90067, 90098, 90121, 90020);

    private Outages() {
    }

    static RuntimeException translate(RuntimeException e) {
        if (e instanceof ConnectionsException) {
            return e;
        }
        return isOutage(e) ? new ConnectionsException(ErrorCode.DATABASE_UNAVAILABLE,
                "The database is unavailable; try again shortly") : e;
    }

    static boolean isOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true; // connection exception class; PostgreSQL admin shutdown
                }
                if (H2_OUTAGES.contains(sql.getErrorCode())) {
                    return true;
                }
                if (String.valueOf(sql.getMessage()).contains("has been closed")) {
                    return true; // the pool itself is gone
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
