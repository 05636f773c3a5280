package com.amdahl.connections.adapter.rest;

import io.javalin.config.JavalinConfig;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Settings of the HTTP server. {@code extraConfig} runs last on the Javalin configuration, so the
 * composition root can mount more on the same server (the MCP servlet at {@code /mcp}, the
 * console), e.g. {@code config -> config.jetty.modifyServletContextHandler(h -> h.addServlet(...))}.
 */
public record RestSettings(Consumer<JavalinConfig> extraConfig) {
    public RestSettings {
        Objects.requireNonNull(extraConfig, "extraConfig");
    }

    public static RestSettings defaults() {
        return new RestSettings(config -> { });
    }

    public RestSettings withExtraConfig(Consumer<JavalinConfig> more) {
        return new RestSettings(extraConfig.andThen(more));
    }
}
