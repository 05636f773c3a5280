package com.amdahl.connections.adapter.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.jdbi.v3.core.argument.Argument;

/** Small SQL helpers shared by the tables: instants as UTC timestamps, constraint violations. */
final class Sql {
    private static final String UNIQUE_VIOLATION = "23505";

    private Sql() {
    }

    /** Binds an instant as {@code TIMESTAMP WITH TIME ZONE} in UTC, independent of the JVM's zone. */
    static Argument ts(Instant instant) {
        return (position, statement, ctx) -> {
            if (instant == null) {
                statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(position, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            }
        };
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Whether {@code error} (or a cause) is a unique violation, of {@code constraint} when given. */
    static boolean isUniqueViolation(Throwable error, String constraint) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return constraint == null || String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT)
                        .contains(constraint.toLowerCase(Locale.ROOT));
            }
        }
        return false;
    }
}
