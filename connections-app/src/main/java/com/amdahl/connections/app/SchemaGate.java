package com.amdahl.connections.app;

import io.javalin.config.JavalinConfig;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code serve} listens before it migrates, so liveness answers while the schema is brought up to
 * date (a fresh database takes most of a second). Until then every request that may reach storage
 * waits here; {@code /healthz} answers at once and {@code /readyz} says the migrations are running.
 */
final class SchemaGate {
    private static final Set<String> PROBES = Set.of("/healthz", "/readyz");

    private final CompletableFuture<Void> open = new CompletableFuture<>();

    /** An open gate, for servers started on a database that is already migrated. */
    static SchemaGate opened() {
        SchemaGate gate = new SchemaGate();
        gate.open();
        return gate;
    }

    void open() {
        open.complete(null);
    }

    /** Waiting requests fail (the server is about to stop: the command exits with the reason). */
    void fail(RuntimeException reason) {
        open.completeExceptionally(reason);
    }

    /** Returns once the schema is migrated; throws when migrating failed. */
    void await() {
        if (!open.isDone()) {
            open.join();
        }
    }

    /** Holds every route but the probes until the gate opens. */
    Consumer<JavalinConfig> onRoutes() {
        return config -> config.routes.before(ctx -> {
            if (!PROBES.contains(ctx.path())) {
                await();
            }
        });
    }
}
