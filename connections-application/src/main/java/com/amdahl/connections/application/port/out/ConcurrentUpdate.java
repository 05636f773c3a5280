package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;

/** An optimistic-lock conflict: the row changed since it was read. Services retry once on a fresh read. */
public class ConcurrentUpdate extends ConnectionsException {
    public ConcurrentUpdate() {
        super(ErrorCode.CONFLICT, "The connection changed concurrently; try again");
    }
}
