package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.in.QueryConnections;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import java.math.BigInteger;
import java.util.Map;

/**
 * {@code ?limit=} of the list reads (CONTRACT 9.14): the one reading of what a caller wrote, and
 * the one rule for the number. Absent means the default, above the cap is capped, anything but an
 * integer of at least 1 is refused with {@code validation_failed} naming {@code limit}.
 */
final class Limits {
    private Limits() {
    }

    /** The number a caller wrote (blanks around it ignored), clamped into an int; null when absent. */
    static Integer parse(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        if (!trimmed.matches("[+-]?\\d{1,200}")) {
            throw refused();
        }
        // Above the cap is capped below; clamp huge values into an int first.
        return new BigInteger(trimmed).max(BigInteger.valueOf(Integer.MIN_VALUE))
                .min(BigInteger.valueOf(Integer.MAX_VALUE)).intValueExact();
    }

    /** The limit in force: null means 25, above 100 is capped, below 1 is refused. */
    static int effective(Integer limit) {
        if (limit == null) {
            return QueryConnections.DEFAULT_LIMIT;
        }
        if (limit < 1) {
            throw refused();
        }
        return Math.min(limit, QueryConnections.MAX_LIMIT);
    }

    private static ConnectionsException refused() {
        return new ConnectionsException(ErrorCode.VALIDATION_FAILED, "limit must be a positive integer",
                Map.of("limit", "must be a positive integer"));
    }
}
