package com.amdahl.connections.app.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management listener: {@code GET /metrics} in the Prometheus text format, on its own port,
 * loopback by default. Metrics are fleet-wide (every workspace at once), so they stay off the
 * tenant-facing API port and its tokens: a scraper needs network reach to this port, nothing else.
 * Scrapes go to the request log only when asked ({@code CONNECTIONS_LOG_PROBES}), like probes.
 */
public final class ManagementServer implements AutoCloseable {
    private static final Logger REQUESTS = LoggerFactory.getLogger("com.amdahl.connections.rest.requests");
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private ManagementServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts listening; port 0 picks a free one. {@code logScrapes} writes a request-log line per request. */
    public static ManagementServer start(String host, int port, Metrics metrics, boolean logScrapes) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " for metrics", e);
        }
        server.createContext("/", exchange -> {
            long started = System.nanoTime();
            int status;
            try (exchange) {
                if (!"/metrics".equals(exchange.getRequestURI().getPath())) {
                    status = answer(exchange, 404, "text/plain; charset=utf-8", "Not found: the management port serves /metrics\n");
                } else if (!"GET".equals(exchange.getRequestMethod())) {
                    status = answer(exchange, 405, "text/plain; charset=utf-8", "Method not allowed\n");
                } else {
                    status = answer(exchange, 200, CONTENT_TYPE, metrics.scrape());
                }
            }
            if (logScrapes) {
                // the template, never the path asked for (it is the client's word)
                REQUESTS.info("{} {} {} {}ms", "GET".equals(exchange.getRequestMethod()) ? "GET" : "<other>",
                        status == 404 ? "<unmatched>" : "/metrics", status, (System.nanoTime() - started) / 1_000_000);
            }
        });
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "management-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new ManagementServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static int answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // HttpServer.stop leaves an executor it was given running
    }
}
