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
            private FilterConfig config;
            private volatile Filter real;

            @Override
            public void init(FilterConfig filterConfig) {
                this.config = filterConfig;
            }

            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                real().doFilter(request, response, chain);
            }

            private Filter real() throws ServletException {
                Filter built = real;
                if (built == null) {
                    synchronized (this) {
                        if (real == null) {
                            Filter filter = http.get().filter();
                            filter.init(config);
                            real = filter;
                        }
                        built = real;
                    }
                }
                return built;
            }

            @Override
            public void destroy() {
                if (real != null) {
                    real.destroy();
                }
            }
        };
    }

    HttpServlet servlet() {
        return new HttpServlet() {
            private volatile HttpServlet real;

            @Override
            public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
                real().service(request, response);
            }

            private HttpServlet real() throws ServletException {
                HttpServlet built = real;
                if (built == null) {
                    synchronized (this) {
                        if (real == null) {
                            HttpServlet servlet = http.get().servlet();
                            servlet.init(getServletConfig());
                            real = servlet;
                        }
                        built = real;
                    }
                }
                return built;
            }

            @Override
            public void destroy() {
                if (real != null) {
                    real.destroy();
                }
            }
        };
    }
}
