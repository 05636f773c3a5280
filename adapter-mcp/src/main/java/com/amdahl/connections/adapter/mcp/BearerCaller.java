package com.amdahl.connections.adapter.mcp;

import com.amdahl.connections.application.BearerToken;
import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.domain.ConnectionsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Who calls {@code /mcp}: the bearer token's principal, admitted by the application as a reader,
 * or the refusal with its {@code WWW-Authenticate} challenge (RFC 6750): 401 without a token or
 * with an invalid one, 403 for a caller who may read nothing here.
 */
final class BearerCaller {
    private static final String REALM = "Bearer realm=\"mcp\"";

    private final ConnectionsApplication app;

    BearerCaller(ConnectionsApplication app) {
        this.app = app;
    }

    /** The admitted caller, or empty once the refusal is written. */
    Optional<Principal> admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> token = BearerToken.parse(request.getHeader("Authorization"));
        if (token.isEmpty()) {
            GateAnswers.answer(response, 401, "unauthorized", "A bearer token is required", REALM);
            return Optional.empty();
        }
        Optional<Principal> found = app.authenticate().authenticate(token.get());
        if (found.isEmpty()) {
            GateAnswers.answer(response, 401, "unauthorized", "The bearer token is invalid",
                    REALM + ", error=\"invalid_token\"");
            return Optional.empty();
        }
        try {
            app.documents().admit(found.get());
        } catch (ConnectionsException refused) {
            GateAnswers.answer(response, 403, refused.code().wire(), refused.getMessage(), REALM
                    + ", error=\"insufficient_scope\", scope=\"" + TokenScope.CONNECTIONS_READ.wire() + "\"");
            return Optional.empty();
        }
        return found;
    }
}
