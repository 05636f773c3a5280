package com.amdahl.connections.application.service;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.connection.Connection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A position in the list (newest first: {@code created_at} descending, then id descending), handed
 * out as an opaque token. A page continues strictly after the entry it names, so connections
 * created meanwhile (they sort first) never shift later pages, and it still works if that entry
 * is gone.
 */
record ListCursor(Instant createdAt, String id) {
    private static final String VERSION = "c1";

    static ListCursor at(Connection connection) {
        return new ListCursor(connection.createdAt(), connection.id().value());
    }

    String encode() {
        String plain = VERSION + "|" + createdAt.getEpochSecond() + "|" + createdAt.getNano() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static ListCursor decode(String token) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", 4);
            if (parts.length == 4 && parts[0].equals(VERSION) && !parts[3].isEmpty()) {
                return new ListCursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])), parts[3]);
            }
        } catch (IllegalArgumentException | java.time.DateTimeException malformed) {
            // refused below, the same way for every kind of malformation
        }
        throw new ConnectionsException(ErrorCode.VALIDATION_FAILED, "cursor is not one this list handed out",
                Map.of("cursor", "must be a next_cursor value from an earlier page"));
    }

    /** Where the page after this position starts in {@code positions} (list order). */
    int firstIndexAfter(ListCursor[] positions) {
        for (int i = 0; i < positions.length; i++) {
            if (positions[i].id.equals(id)) {
                return i + 1;
            }
        }
        // The entry is gone: the first one that sorts after where it stood.
        for (int i = 0; i < positions.length; i++) {
            int byTime = positions[i].createdAt.compareTo(createdAt);
            if (byTime < 0 || (byTime == 0 && positions[i].id.compareTo(id) < 0)) {
                return i;
            }
        }
        return positions.length;
    }
}
