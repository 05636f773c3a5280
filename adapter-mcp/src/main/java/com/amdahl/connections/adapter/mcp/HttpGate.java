package com.amdahl.connections.adapter.mcp;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.RedactedTrace;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stands before the SDK's servlet at {@code /mcp}, in this order: the method, Host/Origin
 * ({@link HostAndOrigin}), the caller ({@link BearerCaller}), the session's owner
 * ({@link SessionOwners}), a POSTed body ({@link PostedMessages}, replayed by
 * {@link BufferedRequest}) and the subscriptions it asks for ({@link StatusWatch}); then the SDK,
 * whose error answers {@link CleanErrors} rewrites. A POST of the 2026-07-28 era ({@link Eras})
 * goes to the stateless servlet instead of the 2025-11-25 one, past the same steps. Each step
 * answers its own refusal.
 */
final class HttpGate implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(HttpGate.class);
    /** What the Streamable HTTP transport answers; method names are case-sensitive (RFC 9110). */
    private static final List<String> METHODS = List.of("GET", "POST", "DELETE");

    private final HostAndOrigin origins;
    private final BearerCaller callers;
    private final SessionOwners sessions = new SessionOwners();
    private final StatusWatch watch;
    private final jakarta.servlet.http.HttpServlet stateless;

    HttpGate(HostAndOrigin origins, BearerCaller callers, StatusWatch watch, jakarta.servlet.http.HttpServlet stateless) {
        this.origins = origins;
        this.callers = callers;
        this.watch = watch;
        this.stateless = stateless;
    }

    /** A POST that passed: the request to forward and whether it is of the 2026-07-28 era. */
    private record Posted(HttpServletRequest request, boolean stateless) {
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!METHODS.contains(request.getMethod())) {
            // The servlet would answer 501 "not implemented"; an unknown method is the client's mistake.
            response.setHeader("Allow", String.join(", ", METHODS));
            GateAnswers.answer(response, 405, "method_not_allowed", "Method not allowed", null);
            return;
        }
        if (!origins.allows(request, response)) {
            return;
        }
        Optional<Principal> caller = callers.admit(request, response);
        if (caller.isEmpty()) {
            return;
        }
        Principal principal = caller.get();
        String session = request.getHeader(SessionOwners.HEADER);
        if (session != null && !sessions.claim(session, principal)) {
            // Another caller's session is indistinguishable from an unknown one.
            GateAnswers.answer(response, 404, "session_not_found", "Session not found", null);
            return;
        }
        HttpServletRequest forwarded = request;
        boolean modern = false;
        if ("POST".equals(request.getMethod())) {
            Posted posted = posted(request, response, session, principal);
            if (posted == null) {
                return;
            }
            forwarded = posted.request();
            modern = posted.stateless();
        }
        forwarded.setAttribute(ConnectionResources.PRINCIPAL, principal);
        CleanErrors guarded = new CleanErrors(response, modern);
        try {
            if (modern) {
                stateless.service(forwarded, guarded);
            } else {
                chain.doFilter(forwarded, guarded);
            }
        } catch (RuntimeException | ServletException failure) {
            // Logged without messages (they may quote the request); answered in the envelope.
            LOG.error("MCP request failed: {}", failure.getClass().getName(), RedactedTrace.of(failure));
            if (!response.isCommitted()) {
                response.reset();
                GateAnswers.answer(response, 500, "internal_error", "Internal error", null);
            }
            return;
        }
        guarded.finish();
        if (session != null && "DELETE".equalsIgnoreCase(request.getMethod()) && response.getStatus() < 300) {
            sessions.release(session);
            watch.forget(session);
        }
    }

    /** A POST judged before the SDK sees it and shown to the watch; null once a refusal is written. */
    private Posted posted(HttpServletRequest request, HttpServletResponse response, String session,
            Principal principal) throws IOException {
        PostedMessages.Refusal refusal = PostedMessages.contentType(request.getHeader("Content-Type"));
        if (refusal != null) {
            GateAnswers.refuse(response, refusal);
            return null;
        }
        byte[] body = BufferedRequest.readBody(request);
        if (body == null) {
            GateAnswers.answer(response, 413, "payload_too_large", "The request body is larger than 1 MiB", null);
            return null;
        }
        PostedMessages.Judged judged = PostedMessages.body(body);
        if (judged.refusal() != null) {
            GateAnswers.refuse(response, judged.refusal());
            return null;
        }
        if (session != null) {
            watch.observe(session, principal, List.<Object>of(judged.message()));
        }
        boolean modern = session == null
                && Eras.stateless(judged.message(), request.getHeader(Eras.METHOD_HEADER) != null);
        return new Posted(new BufferedRequest(request, body), modern);
    }
}
