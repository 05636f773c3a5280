package com.amdahl.connections.adapter.rest;

import com.amdahl.connections.application.view.JsonText;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The answers of the HTTP stack itself (Jetty refusing a request before or outside a route: a bad
 * path encoding, headers or a URI over 8 KiB, broken framing, an exception escaping a servlet) in
 * the API's error envelope, with a stable code per status and nothing of the request or the
 * failure in the message. A request the server cannot parse is the client's mistake, so the
 * statuses Jetty uses for "not supported" (501, 505) are answered as 400.
 */
final class HttpStackErrors {
    static final String NOSNIFF_HEADER = "X-Content-Type-Options";

    /** Stable code and fixed message for each status the stack answers by itself. */
    private static final Map<Integer, String[]> ANSWERS = Map.ofEntries(
            Map.entry(400, new String[] {"bad_request", "The request is malformed"}),
            Map.entry(401, new String[] {"unauthorized", "A bearer token is required"}),
            Map.entry(403, new String[] {"forbidden", "Forbidden"}),
            Map.entry(404, new String[] {"not_found", "No such endpoint"}),
            Map.entry(405, new String[] {"method_not_allowed", "Method not allowed"}),
            Map.entry(408, new String[] {"request_timeout", "The request took too long to arrive"}),
            Map.entry(411, new String[] {"length_required", "The request needs a Content-Length"}),
            Map.entry(413, new String[] {"payload_too_large", "The request body is too large"}),
            Map.entry(414, new String[] {"uri_too_long", "The request URI is longer than 8 KiB"}),
            Map.entry(415, new String[] {"unsupported_media_type", "Unsupported content type"}),
            Map.entry(417, new String[] {"expectation_failed", "Expectation failed"}),
            Map.entry(426, new String[] {"http_version_not_supported", "Only HTTP/1.1 is served"}),
            Map.entry(431, new String[] {"headers_too_large", "The request headers are larger than 8 KiB"}),
            Map.entry(503, new String[] {"service_unavailable", "The server is not ready"}));

    private HttpStackErrors() {
    }

    /** The status a stack answer goes out with: a client's unsupported request is a 400, not a 5xx. */
    static int status(int status) {
        return status == 501 || status == 505 ? 400 : status;
    }

    /** The refusal for a status; one not in the table is a 4xx {@code bad_request} or a 5xx {@code internal_error}. */
    static ApiError error(int status) {
        String[] answer = ANSWERS.get(status);
        if (answer == null) {
            answer = status < 500 ? ANSWERS.get(400) : new String[] {"internal_error", "Internal error"};
        }
        return new ApiError(status, answer[0], answer[1], Map.of());
    }

    private static String body(int status) {
        ApiError error = error(status);
        return JsonText.write(ErrorMapping.body(error.code(), error.getMessage(), error.details()));
    }

    /**
     * The client's fault hidden in a failure a route raised while reading the request: Jetty's own
     * 4xx (broken chunked framing, an early end of the body) or an I/O failure of the exchange.
     */
    static Optional<Integer> clientFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return Optional.of(http.getCode());
            }
            if (t instanceof IOException) {
                return Optional.of(400);
            }
        }
        return Optional.empty();
    }

    private static void prepare(Response response) {
        response.setStatus(status(response.getStatus()));
        response.getHeaders().put(NOSNIFF_HEADER, "nosniff");
    }

    /**
     * For the server: requests Jetty refuses before any context sees them (bad messages, 414, 431).
     * The envelope is written straight from a heap buffer: Jetty's pooled error-page buffer can be
     * released twice when the client has already half-closed, which Jetty logs with a stack trace.
     */
    static final class ServerErrors extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                Throwable cause, Callback callback) {
            prepare(response);
            byte[] envelope = body(response.getStatus()).getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, envelope.length);
            response.write(true, ByteBuffer.wrap(envelope), callback);
        }
    }

    /**
     * For the servlet context: Jetty's refusals inside it (an ambiguous path) and failures of the
     * servlets mounted beside the routes. The envelope goes through the servlet response's own
     * buffer and is completed once by the servlet channel: the stock page writes twice.
     */
    static final class ContextErrors extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                Throwable cause, Callback callback) throws IOException {
            prepare(response);
            ServletContextRequest servlet = Request.as(request, ServletContextRequest.class);
            HttpServletResponse http = servlet.getHttpServletResponse();
            byte[] envelope = body(response.getStatus()).getBytes(StandardCharsets.UTF_8);
            http.setContentType("application/json;charset=utf-8");
            http.setContentLength(envelope.length);
            http.getOutputStream().write(envelope);
            servlet.getServletChannel().sendErrorResponseAndComplete();
        }
    }
}
