package com.amdahl.connections.adapter.rest;

import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.domain.ErrorCode;
import io.javalin.http.Context;
import java.util.Locale;

/** Bearer authentication: {@code Authorization: Bearer <token>} to a principal, or 401 {@code unauthorized}. */
final class Auth {
    private Auth() {
    }

    static Principal principal(Context ctx, ConnectionsApplication app) {
        String header = ctx.header("Authorization");
        if (header == null) {
            throw unauthorized("A bearer token is required");
        }
        String trimmed = header.strip();
        if (trimmed.length() < 7 || !trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            throw unauthorized("A bearer token is required");
        }
        String token = trimmed.substring(7).strip();
        if (token.isEmpty()) {
            throw unauthorized("A bearer token is required");
        }
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
