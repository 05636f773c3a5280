package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.out.RecordFeed.Position;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.workspace.ConnectionId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * The feed's opaque cursor: a position in one connection's change order, with that connection's
 * id, so a cursor of another connection (or anything forged) is refused with 400 naming
 * {@code cursor} rather than read from the wrong place. Positions are not secrets: a caller who
 * edits one can only start elsewhere in a feed it may read anyway.
 */
final class FeedCursor {
    private static final int VERSION = 1;

    private FeedCursor() {
    }

    static String encode(ConnectionId connection, Position position) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(connection.value());
            out.writeLong(position.seq());
            out.writeUTF(position.stream());
            out.writeUTF(position.externalId());
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /** The position a cursor names; {@link Position#START} for none. */
    static Position decode(ConnectionId connection, String cursor) {
        if (cursor == null) {
            return Position.START;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(cursor.strip())))) {
            if (in.readByte() != VERSION || !in.readUTF().equals(connection.value())) {
                throw refused();
            }
            Position position = new Position(in.readLong(), in.readUTF(), in.readUTF());
            if (in.available() > 0 || position.seq() < -1) {
                throw refused();
            }
            return position;
        } catch (IOException | IllegalArgumentException malformed) {
            throw refused();
        }
    }

    private static ConnectionsException refused() {
        return new ConnectionsException(ErrorCode.VALIDATION_FAILED, "cursor is not a cursor of this connection's records",
                Map.of("cursor", "must be a next_cursor this feed returned"));
    }
}
