package com.amdahl.connections.adapter.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Judges a POST to {@code /mcp} before the SDK sees it, so that the SDK never meets (and never
 * logs or echoes) a body that is not one JSON-RPC message, and never parses a charset it cannot
 * load. Each refusal has a fixed message that quotes nothing of the request.
 */
final class PostedMessages {
    /** JSON-RPC 2.0 error codes. */
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;

    /** A refusal: the HTTP status, the JSON-RPC code (or null for a transport refusal) and a fixed message. */
    record Refusal(int status, Integer rpcCode, String code, String message) {
    }

    private PostedMessages() {
    }

    /**
     * {@code Content-Type} must be {@code application/json}, in UTF-8 when a charset is named
     * (RFC 8259); anything else is 415 before Jetty would try to load the named charset.
     */
    static Refusal contentType(String header) {
        if (header == null) {
            return unsupported();
        }
        String[] parts = header.split(";");
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            return unsupported();
        }
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            if (pair[0].strip().equalsIgnoreCase("charset")) {
                String charset = pair.length < 2 ? "" : pair[1].strip().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return unsupported();
                }
            }
        }
        return null;
    }

    /** A judged POST body: the one message it holds (parsed once, shared by the gate's steps), or its refusal. */
    record Judged(Map<?, ?> message, Refusal refusal) {
        private static Judged refused(Refusal refusal) {
            return new Judged(null, refusal);
        }
    }

    /** The body must be one JSON-RPC 2.0 request, notification or response (no batches since MCP 2025-06-18). */
    static Judged body(byte[] body) {
        Object parsed;
        try {
            parsed = McpJsonDefaults.getMapper().readValue(body, Object.class);
        } catch (IOException | RuntimeException notJson) {
            return Judged.refused(new Refusal(400, PARSE_ERROR, null, "Parse error: the body is not JSON"));
        }
        if (!(parsed instanceof Map<?, ?> message) || !"2.0".equals(message.get("jsonrpc"))) {
            return Judged.refused(invalid());
        }
        Object id = message.get("id");
        boolean idValid = id instanceof String || id instanceof Integer || id instanceof Long
                || id instanceof java.math.BigInteger;
        if (message.containsKey("id") && !idValid) {
            return Judged.refused(invalid());
        }
        boolean valid;
        if (message.containsKey("method")) {
            Object params = message.get("params");
            valid = message.get("method") instanceof String && (params == null || params instanceof Map<?, ?>);
        } else {
            valid = idValid && message.containsKey("result") != message.containsKey("error");
        }
        return valid ? new Judged(message, null) : Judged.refused(invalid());
    }

    private static Refusal invalid() {
        return new Refusal(400, INVALID_REQUEST, null, "Invalid Request: the body is not one JSON-RPC 2.0 message");
    }

    private static Refusal unsupported() {
        return new Refusal(415, null, "unsupported_media_type", "Content-Type must be application/json (UTF-8)");
    }
}
