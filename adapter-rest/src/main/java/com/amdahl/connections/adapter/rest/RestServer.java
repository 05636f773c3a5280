package com.amdahl.connections.adapter.rest;

import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.RedactedTrace;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The REST adapter's one public entry point: the Javalin server with every route of CONTRACT section 4 and the console page. */
public final class RestServer {
    private static final Logger REQUESTS = LoggerFactory.getLogger("com.amdahl.connections.rest.requests");
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String REQUEST_ID = RestServer.class.getName() + ".requestId";
    /** Methods the request log names; any other is the client's word and is not repeated. */
    private static final java.util.Set<String> STANDARD_METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT",
            "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");
    /** Liveness and readiness routes: logged only when {@link RestSettings#logProbes()} asks. */
    private static final java.util.Set<String> PROBES = java.util.Set.of("/healthz", "/readyz");

    private final Javalin javalin;
    private final List<Routes.Route> routes;

    private RestServer(Javalin javalin, List<Routes.Route> routes) {
        this.javalin = javalin;
        this.routes = routes;
    }

    /** Builds the server (not yet listening) for an application. */
    public static RestServer create(ConnectionsApplication app, RestSettings settings) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(settings, "settings");
        List<Routes.Route> routes = new Routes(app).all();
        Javalin javalin = Javalin.create(config -> {
            configure(config, routes, settings.requestObserver(), settings.logProbes());
            settings.extraConfig().accept(config);
        });
        return new RestServer(javalin, routes);
    }

    /** Starts listening; port 0 picks a free port (see {@link #port()}). */
    public RestServer start(String host, int port) {
        javalin.start(host, port);
        return this;
    }

    /** The port the server listens on. */
    public int port() {
        return javalin.port();
    }

    public void stop() {
        javalin.stop();
    }

    /** The registered (method, path template) pairs, in registration order. */
    List<Routes.Route> routes() {
        return routes;
    }

    private static void configure(JavalinConfig config, List<Routes.Route> routes, RequestObserver observer,
            boolean logProbes) {
        config.jsonMapper(Json.javalinWriter());
        config.startup.showJavalinBanner = false;
        config.http.maxRequestSize = RequestBodies.MAX_BODY_BYTES;
        // A path that exists answers a method it does not take with 405, not 404.
        config.http.prefer405over404 = true;
        config.routes.before(ctx -> {
            String requestId = UUID.randomUUID().toString();
            ctx.attribute(REQUEST_ID, requestId);
            ctx.header(REQUEST_ID_HEADER, requestId);
            // Log lines written while this request runs carry its id (and, once known, the
            // workspace and connection ids); a pooled thread must not keep a previous request's.
            MDC.clear();
            MDC.put(LogContext.REQUEST_ID, requestId);
        });
        for (Routes.Route route : routes) {
            register(config, route);
        }
        // The console page is served beside the API, outside its route table (and its OpenAPI document).
        for (Routes.Route route : new Console().routes()) {
            register(config, route);
        }
        config.routes.exception(ApiError.class, (error, ctx) -> render(ctx, error));
        config.routes.exception(ConnectionsException.class, (error, ctx) ->
                error(ctx, ErrorMapping.status(error.code()), error.code().wire(), error.getMessage(), error.details()));
        config.routes.exception(HttpResponseException.class, (error, ctx) -> {
            if (error.getStatus() == 413) {
                render(ctx, RequestBodies.tooLarge());
            } else if (error.getStatus() < 500) {
                render(ctx, HttpStackErrors.error(error.getStatus()));
            } else {
                internal(ctx, error);
            }
        });
        // A body that breaks off or breaks its framing is the client's mistake, never a 500.
        config.routes.exception(Exception.class, (error, ctx) -> HttpStackErrors.clientFault(error).ifPresentOrElse(
                status -> render(ctx, HttpStackErrors.error(status)), () -> internal(ctx, error)));
        config.requestLogger.http((ctx, millis) -> {
            String template = ctx.attribute(Routes.ROUTE_ATTRIBUTE);
            if (logProbes || template == null || !PROBES.contains(template)) { // Set.of rejects contains(null)
                logRequest(ctx, template, millis);
            }
            observer.answered(ctx.method().name(), template == null ? "<unmatched>" : template, ctx.statusCode(),
                    java.time.Duration.ofNanos((long) (millis * 1_000_000L)));
            MDC.clear();
        });
        // Jetty's own answers (bad path encoding, 414, 431, servlet failures) in the same envelope.
        config.jetty.modifyServer(server -> server.setErrorHandler(new HttpStackErrors.ServerErrors()));
        config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new HttpStackErrors.ContextErrors()));
        config.jetty.modifyHttpConfiguration(http -> http.addCustomizer((request, responseHeaders) -> {
            responseHeaders.put(HttpStackErrors.NOSNIFF_HEADER, "nosniff");
            return request;
        }));
    }

    private static void render(Context ctx, ApiError error) {
        error(ctx, error.status(), error.code(), error.getMessage(), error.details());
    }

    private static void register(JavalinConfig config, Routes.Route route) {
        config.routes.addEndpoint(new io.javalin.router.Endpoint(route.method(), route.path(), ctx -> {
            ctx.attribute(Routes.ROUTE_ATTRIBUTE, route.path());
            route.handler().handle(ctx);
        }));
    }

    private static void internal(Context ctx, Exception error) {
        String requestId = requestId(ctx);
        LOG.error("request {} failed: {}", requestId, error.getClass().getName(), RedactedTrace.of(error));
        error(ctx, 500, ErrorCode.INTERNAL_ERROR.wire(), "Internal error (request id " + requestId + ")",
                Map.of("request_id", requestId));
    }

    private static void error(Context ctx, int status, String code, String message, Map<String, Object> details) {
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        ctx.status(status).json(ErrorMapping.body(code, message, details));
    }

    static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id == null ? "-" : id;
    }

    /** One line per request: method, path template, status, duration and request id; never a header, body or query. */
    private static void logRequest(Context ctx, String template, Float millis) {
        String method = STANDARD_METHODS.contains(ctx.method().name()) ? ctx.method().name() : "<other>";
        REQUESTS.info("{} {} {} {}ms request_id={}", method, template == null ? "<unmatched>" : template,
                ctx.statusCode(), Math.round(millis), requestId(ctx));
    }
}
