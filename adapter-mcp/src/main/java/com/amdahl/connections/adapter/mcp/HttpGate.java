package com.amdahl.connections.adapter.mcp;

import com.amdahl.connections.application.BearerToken;
import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.RedactedTrace;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.view.JsonText;
import com.amdahl.connections.domain.ConnectionsException;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stands before the SDK's servlet at {@code /mcp}: Host/Origin validation against DNS
 * rebinding, bearer authentication through the application (401 / 403 with
 * {@code WWW-Authenticate}), a session bound to the token that opened it, the subscription
 * bookkeeping of {@link StatusWatch}, and error answers without the SDK's stack traces.
 */
final class HttpGate implements Filter {
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String REALM = "Bearer realm=\"mcp\"";
    private static final Logger LOG = LoggerFactory.getLogger(HttpGate.class);
    /** What the Streamable HTTP transport answers; method names are case-sensitive (RFC 9110). */
    private static final List<String> METHODS = List.of("GET", "POST", "DELETE");
    /** Sentences of the SDK (2.1) that quote nothing of the request, passed on as they are. */
    private static final List<String> FIXED_SDK_MESSAGES = List.of("Session ID required in mcp-session-id header",
            "text/event-stream required in Accept header", "application/json required in Accept header",
            "Unsupported Media Type: Content-Type must be application/json");

    private final ConnectionsApplication app;
    private final DefaultServerTransportSecurityValidator origins;
    private final StatusWatch watch;
    /** Session id to the caller it belongs to (workspace + user), most recent last. */
    private final Map<String, String> sessions = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 10_000;
        }
    });

    HttpGate(ConnectionsApplication app, DefaultServerTransportSecurityValidator origins, StatusWatch watch) {
        this.app = app;
        this.origins = origins;
        this.watch = watch;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!METHODS.contains(request.getMethod())) {
            // The servlet would answer 501 "not implemented"; an unknown method is the client's mistake.
            response.setHeader("Allow", String.join(", ", METHODS));
            answer(response, 405, "method_not_allowed", "Method not allowed", null);
            return;
        }
        try {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String name : Collections.list(request.getHeaderNames())) {
                headers.put(name, Collections.list(request.getHeaders(name)));
            }
            origins.validateHeaders(headers);
        } catch (ServerTransportSecurityException refused) {
            answer(response, refused.getStatusCode(), refused.getStatusCode() == 421 ? "invalid_host" : "invalid_origin",
                    refused.getMessage(), null);
            return;
        }
        String token = BearerToken.parse(request.getHeader("Authorization")).orElse(null);
        if (token == null) {
            answer(response, 401, "unauthorized", "A bearer token is required", REALM);
            return;
        }
        Optional<Principal> found = app.authenticate().authenticate(token);
        if (found.isEmpty()) {
            answer(response, 401, "unauthorized", "The bearer token is invalid", REALM + ", error=\"invalid_token\"");
            return;
        }
        Principal principal = found.get();
        try {
            app.documents().admit(principal);
        } catch (ConnectionsException refused) {
            answer(response, 403, refused.code().wire(), refused.getMessage(), REALM
                    + ", error=\"insufficient_scope\", scope=\"" + TokenScope.CONNECTIONS_READ.wire() + "\"");
            return;
        }
        String session = request.getHeader(SESSION_HEADER);
        if (session != null) {
            String owner = sessions.putIfAbsent(session, callerKey(principal));
            if (owner != null && !owner.equals(callerKey(principal))) {
                // Another caller's session is indistinguishable from an unknown one.
                answer(response, 404, "session_not_found", "Session not found", null);
                return;
            }
        }
        HttpServletRequest forwarded = request;
        if ("POST".equals(request.getMethod())) {
            PostedMessages.Refusal refusal = PostedMessages.contentType(request.getHeader("Content-Type"));
            if (refusal != null) {
                refuse(response, refusal);
                return;
            }
            byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                answer(response, 413, "payload_too_large", "The request body is larger than 1 MiB", null);
                return;
            }
            refusal = PostedMessages.body(body);
            if (refusal != null) {
                refuse(response, refusal);
                return;
            }
            if (session != null) {
                watch.observe(session, principal, messages(body));
            }
            forwarded = new BufferedRequest(request, body);
        }
        forwarded.setAttribute(ConnectionResources.PRINCIPAL, principal);
        CleanErrors guarded = new CleanErrors(response);
        try {
            chain.doFilter(forwarded, guarded);
        } catch (RuntimeException | ServletException failure) {
            // Logged without messages (they may quote the request); answered in the envelope.
            LOG.error("MCP request failed: {}", failure.getClass().getName(), RedactedTrace.of(failure));
            if (!response.isCommitted()) {
                response.reset();
                answer(response, 500, "internal_error", "Internal error", null);
            }
            return;
        }
        guarded.finish();
        if (session != null && "DELETE".equalsIgnoreCase(request.getMethod()) && response.getStatus() < 300) {
            sessions.remove(session);
            watch.forget(session);
        }
    }

    private static String callerKey(Principal principal) {
        return principal.workspaceId().value() + "\u0000" + principal.userId().value();
    }

    /** The JSON-RPC messages of a POST body (one or a batch); empty when it is not JSON. */
    private static List<Object> messages(byte[] body) {
        try {
            Object parsed = McpJsonDefaults.getMapper().readValue(body, Object.class);
            return parsed instanceof List<?> list ? List.copyOf(list.stream().filter(o -> o != null).toList())
                    : parsed == null ? List.of() : List.of(parsed);
        } catch (IOException | RuntimeException notJson) {
            return List.of();
        }
    }

    private static void refuse(HttpServletResponse response, PostedMessages.Refusal refusal) throws IOException {
        if (refusal.rpcCode() == null) {
            answer(response, refusal.status(), refusal.code(), refusal.message(), null);
        } else {
            rpcError(response, refusal.status(), refusal.rpcCode(), refusal.message());
        }
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

    /** An error answer in the REST error shape. */
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

    private static void write(HttpServletResponse response, int status, Map<String, Object> answer) throws IOException {
        byte[] body = JsonText.write(answer).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The POST body, read once here and replayed to the SDK. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    try {
                        return in.available() == 0;
                    } catch (IOException e) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("blocking reads only");
                }

                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    /**
     * The SDK writes some transport errors (a GET without a session id, an unknown session) as a
     * serialized exception with its stack trace (java-sdk #955). An error status switches the
     * body to a buffer; {@link #finish} then writes only the message, as a JSON-RPC error.
     */
    private static final class CleanErrors extends HttpServletResponseWrapper {
        private ByteArrayOutputStream captured;
        private int status;

        CleanErrors(HttpServletResponse response) {
            super(response);
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
            String message = messageOf(captured.toByteArray(), status);
            HttpServletResponse response = (HttpServletResponse) getResponse();
            response.resetBuffer();
            rpcError(response, status, status == 404 ? -32001 : PostedMessages.INVALID_REQUEST, message);
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
}
