package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.Telemetry;
import com.amdahl.connections.application.port.out.TokenRefresher;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;

/** Reports every token refresh's outcome ({@code ok}, {@code rejected}, {@code failed}) and passes it on unchanged. */
record ReportedTokenRefresher(TokenRefresher delegate, Telemetry telemetry) implements TokenRefresher {
    @Override
    public Credentials refresh(String connectorType, Credentials current) {
        Credentials fresh;
        try {
            fresh = delegate.refresh(connectorType, current);
        } catch (ConnectionsException failure) {
            telemetry.tokenRefresh(connectorType, failure.code() == ErrorCode.INVALID_CREDENTIALS ? "rejected" : "failed");
            throw failure;
        }
        telemetry.tokenRefresh(connectorType, "ok");
        return fresh;
    }
}
