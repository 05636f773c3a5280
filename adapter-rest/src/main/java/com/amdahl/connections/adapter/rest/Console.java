package com.amdahl.connections.adapter.rest;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Connections page: plain HTML, CSS and ES modules read once from the classpath
 * ({@code console/}) and served under {@code /console} with a strict Content-Security-Policy.
 * The page talks only to the public REST API, so these routes are not part of the API document.
 */
final class Console {
    static final String PATH = "/console";

    /** No inline script or style; avatars come from the providers' CDNs, hence {@code https:} for images. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' https: data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'";

    /** Every file of the page; a missing one fails the server at start, not a visitor later. */
    static final List<String> FILES = List.of("index.html", "console.css", "app.js", "api.js", "dom.js",
            "format.js", "catalog.js", "connect.js", "inventory.js", "dialogs.js", "history.js", "me.js", "notifications.js",
            "records.js", "knowledge.js");

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    /** One file with its media type. */
    record Asset(byte[] bytes, String contentType) {
    }

    Console() {
        for (String file : FILES) {
            assets.put(file, new Asset(load(file), contentType(file)));
        }
    }

    /** {@code /console} (and {@code /console/}, trailing slashes are ignored) and {@code /console/<file>}. */
    List<Routes.Route> routes() {
        List<Routes.Route> routes = new ArrayList<>();
        routes.add(new Routes.Route(HandlerType.GET, PATH, ctx -> serve(ctx, "index.html")));
        routes.add(new Routes.Route(HandlerType.GET, PATH + "/{file}", ctx -> serve(ctx, ctx.pathParam("file"))));
        return List.copyOf(routes);
    }

    private void serve(Context ctx, String file) {
        secure(ctx);
        Asset asset = assets.get(file);
        if (asset == null) {
            throw HttpStackErrors.error(404);
        }
        // Revalidate every time: a new release must not meet a stale module graph in the browser.
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }

    static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }

    static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        throw new IllegalArgumentException("no media type for " + file);
    }

    private static byte[] load(String file) {
        try (InputStream in = Console.class.getResourceAsStream("/console/" + file)) {
            if (in == null) {
                throw new IllegalStateException("console/" + file + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
