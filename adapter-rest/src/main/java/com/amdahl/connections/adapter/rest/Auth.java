package com.amdahl.connections.adapter.rest;

import com.amdahl.connections.application.BearerToken;
import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.domain.ErrorCode;
import io.javalin.http.Context;

/** Bearer authentication: {@code Authorization: Bearer <token>} to a principal, or 401 {@code unauthorized}. */
final class Auth {
    private Auth() {
    }

    static Principal principal(Context ctx, ConnectionsApplication app) {
        String token = BearerToken.parse(ctx.header("Authorization"))
                .orElseThrow(() -> unauthorized("A bearer token is required"));
        Principal principal = app.authenticate().authenticate(token)
                .orElseThrow(() -> unauthorized("The bearer token is invalid"));
        if (principal.workspaceId() != null) {
            org.slf4j.MDC.put(LogContext.WORKSPACE_ID, principal.workspaceId().value());
        }
        return principal;
    }

    private static ApiError unauthorized(String message) {
        return new ApiError(ErrorCode.UNAUTHORIZED, message);
    }
}
