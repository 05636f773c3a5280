package com.amdahl.connections.adapter.rest;

import io.javalin.config.JavalinConfig;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Settings of the HTTP server. {@code extraConfig} runs last on the Javalin configuration, so the
 * composition root can mount more on the same server (the MCP servlet at {@code /mcp}, the
 * console), e.g. {@code config -> config.jetty.modifyServletContextHandler(h -> h.addServlet(...))}.
 * {@code requestObserver} is told about every answered request (metrics). {@code logProbes} puts
 * {@code /healthz} and {@code /readyz} in the request log too: probes come every few seconds from
 * every orchestrator and would drown the API's lines, so they are left out by default.
 */
public record RestSettings(Consumer<JavalinConfig> extraConfig, RequestObserver requestObserver, boolean logProbes) {
    public RestSettings {
        Objects.requireNonNull(extraConfig, "extraConfig");
        Objects.requireNonNull(requestObserver, "requestObserver");
    }

    public RestSettings(Consumer<JavalinConfig> extraConfig) {
        this(extraConfig, RequestObserver.NONE, false);
    }

    public static RestSettings defaults() {
        return new RestSettings(config -> { });
    }

    public RestSettings withExtraConfig(Consumer<JavalinConfig> more) {
        return new RestSettings(extraConfig.andThen(more), requestObserver, logProbes);
    }

    public RestSettings withRequestObserver(RequestObserver observer) {
        return new RestSettings(extraConfig, observer, logProbes);
    }

    public RestSettings withProbesLogged(boolean logged) {
        return new RestSettings(extraConfig, requestObserver, logged);
    }
}
