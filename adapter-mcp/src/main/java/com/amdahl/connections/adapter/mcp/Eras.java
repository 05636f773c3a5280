package com.amdahl.connections.adapter.mcp;

import java.util.Map;

/**
 * Which protocol era a message belongs to. A 2026-07-28 request names its version in
 * {@code params._meta["io.modelcontextprotocol/protocolVersion"]} (over HTTP also in
 * {@code Mcp-Method}); {@code server/discover} is one by definition. Everything else, above all
 * {@code initialize} and whatever names an {@code Mcp-Session-Id}, is 2025-11-25, served as before.
 * A 2026 message with a wrong version or header still goes to the 2026 server, which refuses it
 * with a JSON-RPC error of that era.
 */
final class Eras {
    static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String METHOD_HEADER = "Mcp-Method";

    private Eras() {
    }

    /**
     * True for a 2026-07-28 (stateless) message; {@code methodHeader}: the HTTP request had
     * {@code Mcp-Method}. An {@code initialize} is 2025-11-25 unless its {@code _meta} names a
     * version, even with {@code Mcp-Method} (clients that send the header on every POST, such as the
     * conformance suite 0.2.0-alpha in the 2025-11-25 era, still open a session with it).
     */
    static boolean stateless(Object message, boolean methodHeader) {
        if (!(message instanceof Map<?, ?> map)) {
            return false;
        }
        Object method = map.get("method");
        if ("server/discover".equals(method) || map.get("params") instanceof Map<?, ?> params
                && params.get("_meta") instanceof Map<?, ?> meta && meta.containsKey(PROTOCOL_VERSION)) {
            return true;
        }
        return methodHeader && !"initialize".equals(method);
    }
}
