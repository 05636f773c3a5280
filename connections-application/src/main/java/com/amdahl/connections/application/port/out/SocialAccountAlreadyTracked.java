package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;

/** The unique constraint on tracked social accounts refused an insert. */
public class SocialAccountAlreadyTracked extends ConnectionsException {
    public SocialAccountAlreadyTracked() {
        super(ErrorCode.CONFLICT, "The account is already tracked in this workspace");
    }
}
