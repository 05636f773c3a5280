package com.amdahl.connections.adapter.mcp;

import com.amdahl.connections.application.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binds each MCP session to the caller (workspace + user) whose request first named it, so that
 * another caller's session is indistinguishable from an unknown one. Keeps the 10,000 most
 * recently used sessions.
 */
final class SessionOwners {
    static final String HEADER = "Mcp-Session-Id";
    private static final int CAPACITY = 10_000;

    /** Session id to the caller it belongs to, most recent last. */
    private final Map<String, String> owners = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    });

    /** True when the session is the caller's (or was nobody's and now is); false when it is another caller's. */
    boolean claim(String session, Principal principal) {
        String owner = owners.putIfAbsent(session, callerKey(principal));
        return owner == null || owner.equals(callerKey(principal));
    }

    /** Forgets a session that was closed. */
    void release(String session) {
        owners.remove(session);
    }

    private static String callerKey(Principal principal) {
        return principal.workspaceId().value() + "\u0000" + principal.userId().value();
    }
}
