package com.amdahl.connections.adapter.mcp;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Against DNS rebinding: a browser may call {@code /mcp} only from an allowed origin
 * (scheme://host[:port]) or loopback, and the Host header must name one of those hosts or
 * loopback (421 {@code invalid_host}, 403 {@code invalid_origin}).
 */
final class HostAndOrigin {
    private final DefaultServerTransportSecurityValidator validator;

    private HostAndOrigin(DefaultServerTransportSecurityValidator validator) {
        this.validator = validator;
    }

    static HostAndOrigin allowing(Collection<String> allowedOrigins) {
        Set<String> origins = new LinkedHashSet<>(List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"));
        Set<String> hosts = new LinkedHashSet<>(List.of("localhost:*", "127.0.0.1:*", "[::1]:*", "localhost",
                "127.0.0.1", "[::1]"));
        for (String origin : allowedOrigins) {
            URI uri = URI.create(origin.strip());
            if (uri.getHost() == null) {
                continue;
            }
            String base = uri.getScheme() + "://" + uri.getHost();
            origins.add(uri.getPort() < 0 ? base : base + ":" + uri.getPort());
            hosts.add(uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        }
        return new HostAndOrigin(DefaultServerTransportSecurityValidator.builder()
                .allowedOrigins(new ArrayList<>(origins)).allowedHosts(new ArrayList<>(hosts)).build());
    }

    /** True when the request may go on; false once the refusal is written. */
    boolean allows(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            // The validator asks for Origin and Host only; the container looks names up case-insensitively.
            validator.validate(new HeaderAccessor() {
                @Override
                public List<String> getHeader(String name) {
                    return Collections.list(request.getHeaders(name));
                }

                @Override
                public List<String> getHeaderNames() {
                    return Collections.list(request.getHeaderNames());
                }
            });
            return true;
        } catch (ServerTransportSecurityException refused) {
            GateAnswers.answer(response, refused.getStatusCode(),
                    refused.getStatusCode() == 421 ? "invalid_host" : "invalid_origin", refused.getMessage(), null);
            return false;
        }
    }
}
