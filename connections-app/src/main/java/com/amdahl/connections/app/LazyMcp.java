package com.amdahl.connections.app;

import com.amdahl.connections.adapter.mcp.McpAdapter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The {@code /mcp} endpoint mounted at start-up but built on its first request: the MCP SDK (its
 * server, Reactor, the JSON-schema validator) is a few hundred milliseconds of start-up that
 * {@code /healthz} and the REST API never need. The filter and servlet here stand in for the
 * adapter's, initialising each with the configuration the container gave the stand-in.
 */
final class LazyMcp {
    private final Supplier<McpAdapter.Http> http;

    /** {@code build} runs once, on the first request (which waits for it). */
    LazyMcp(Supplier<McpAdapter.Http> build) {
        this.http = LazyPort.once(build);
    }

    Filter filter() {
        return new Filter() {
            private volatile Filter built; // set once real has built it, for destroy
            private final Supplier<Filter> real = LazyPort.once(() -> built = initialized(http.get().filter(), this::init));
            private FilterConfig config;

            @Override
            public void init(FilterConfig filterConfig) {
                this.config = filterConfig;
            }

            private void init(Filter filter) throws ServletException {
                filter.init(config);
            }

            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                real.get().doFilter(request, response, chain);
            }

            @Override
            public void destroy() {
                if (built != null) {
                    built.destroy();
                }
            }
        };
    }

    HttpServlet servlet() {
        return new HttpServlet() {
            private volatile HttpServlet built; // set once real has built it, for destroy
            private final Supplier<HttpServlet> real = LazyPort.once(
                    () -> built = initialized(http.get().servlet(), servlet -> servlet.init(getServletConfig())));

            @Override
            public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
                real.get().service(request, response);
            }

            @Override
            public void destroy() {
                if (built != null) {
                    built.destroy();
                }
            }
        };
    }

    @FunctionalInterface
    private interface Init<T> {
        void accept(T target) throws ServletException;
    }

    /** {@code target} after {@code init}; a failing init fails the request that triggered it. */
    private static <T> T initialized(T target, Init<T> init) {
        try {
            init.accept(target);
            return target;
        } catch (ServletException e) {
            throw new IllegalStateException("the MCP endpoint could not start", e);
        }
    }
}
