package com.amdahl.connections.adapter.mcp;

import com.amdahl.connections.application.view.JsonText;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers {@link HttpGate} gives itself: a transport refusal in the REST error shape, or a
 * JSON-RPC error without an id for a refused message. Written with the one JSON writer.
 */
final class GateAnswers {
    private GateAnswers() {
    }

    /** An error answer in the REST error shape, with a {@code WWW-Authenticate} challenge when one is given. */
    static void answer(HttpServletResponse response, int status, String code, String message, String challenge)
            throws IOException {
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        write(response, status, Map.of("error", error));
    }

    /** A JSON-RPC error answer without an id: what MCP clients expect for a refused message. */
    static void rpcError(HttpServletResponse response, int status, int code, String message) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", null);
        body.put("error", error);
        write(response, status, body);
    }

    /** A refusal of {@link PostedMessages}: a transport answer, or a JSON-RPC error when it has a code. */
    static void refuse(HttpServletResponse response, PostedMessages.Refusal refusal) throws IOException {
        if (refusal.rpcCode() == null) {
            answer(response, refusal.status(), refusal.code(), refusal.message(), null);
        } else {
            rpcError(response, refusal.status(), refusal.rpcCode(), refusal.message());
        }
    }

    private static void write(HttpServletResponse response, int status, Map<String, Object> answer) throws IOException {
        byte[] body = JsonText.write(answer).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
