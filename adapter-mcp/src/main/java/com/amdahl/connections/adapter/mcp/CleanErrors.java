package com.amdahl.connections.adapter.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The SDK writes some transport errors (a GET without a session id, an unknown session) as a
 * serialized exception with its stack trace (java-sdk #955). An error status switches the
 * body to a buffer; {@link #finish} then writes only the message, as a JSON-RPC error.
 */
final class CleanErrors extends HttpServletResponseWrapper {
    /** Sentences of the SDK (2.1) that quote nothing of the request, passed on as they are. */
    private static final List<String> FIXED_SDK_MESSAGES = List.of("Session ID required in mcp-session-id header",
            "text/event-stream required in Accept header", "application/json required in Accept header",
            "Unsupported Media Type: Content-Type must be application/json");

    private final boolean keepJsonRpc;
    private ByteArrayOutputStream captured;
    private int status;

    /**
     * {@code keepJsonRpc}: an error body that is one JSON-RPC error response is passed on as it
     * is (the 2026-07-28 server writes those, with the request's id and fixed messages).
     */
    CleanErrors(HttpServletResponse response, boolean keepJsonRpc) {
        super(response);
        this.keepJsonRpc = keepJsonRpc;
    }

    @Override
    public void setStatus(int sc) {
        super.setStatus(sc);
        if (sc >= 400 && captured == null) {
            captured = new ByteArrayOutputStream();
            status = sc;
        }
    }

    @Override
    public void sendError(int sc) {
        sendError(sc, null);
    }

    @Override
    public void sendError(int sc, String msg) {
        setStatus(sc);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (captured == null) {
            return super.getOutputStream();
        }
        return new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new IllegalStateException("blocking writes only");
            }

            @Override
            public void write(int b) {
                captured.write(b);
            }
        };
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (captured == null) {
            return super.getWriter();
        }
        return new PrintWriter(new OutputStreamWriter(captured, StandardCharsets.UTF_8), true);
    }

    void finish() throws IOException {
        if (captured == null || isCommitted()) {
            return;
        }
        HttpServletResponse response = (HttpServletResponse) getResponse();
        if (keepJsonRpc && isJsonRpcError(captured.toByteArray())) {
            response.resetBuffer();
            response.setContentType("application/json;charset=utf-8");
            response.setContentLength(captured.size());
            response.getOutputStream().write(captured.toByteArray());
            return;
        }
        String message = messageOf(captured.toByteArray(), status);
        response.resetBuffer();
        GateAnswers.rpcError(response, status, status == 404 ? -32001 : PostedMessages.INVALID_REQUEST, message);
    }

    private static boolean isJsonRpcError(byte[] body) {
        try {
            Object parsed = McpJsonDefaults.getMapper().readValue(body, Object.class);
            return parsed instanceof Map<?, ?> map && "2.0".equals(map.get("jsonrpc"))
                    && map.get("error") instanceof Map<?, ?> error && error.get("code") instanceof Integer
                    && error.get("message") instanceof String;
        } catch (IOException | RuntimeException notJson) {
            return false;
        }
    }

    /**
     * The SDK's message when it is one of its fixed sentences; anything else (its deserialization
     * errors quote the body and name classes) becomes a fixed message for the status.
     */
    private static String messageOf(byte[] body, int status) {
        try {
            Object parsed = McpJsonDefaults.getMapper().readValue(body, Object.class);
            if (parsed instanceof Map<?, ?> map) {
                Object nested = map.get("jsonRpcError") instanceof Map<?, ?> rpc ? rpc.get("message")
                        : map.get("error") instanceof Map<?, ?> rpc ? rpc.get("message") : map.get("message");
                // The SDK joins several of its sentences with "; ": each part must be one of them.
                if (nested instanceof String text && List.of(text.split("; ")).stream()
                        .allMatch(FIXED_SDK_MESSAGES::contains)) {
                    return text;
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the fixed message
        }
        return switch (status) {
            case 404 -> "Session not found";
            case 406 -> "Not acceptable: send Accept: application/json, text/event-stream";
            default -> "Invalid Request";
        };
    }
}
