package com.amdahl.connections.adapter.rest;

import com.amdahl.connections.application.view.Document;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * Conditional GETs (RFC 9110 section 13.1.2): every read carries its {@code ETag}; a request whose
 * {@code If-None-Match} names it gets {@code 304 Not Modified} without a body.
 */
final class Conditional {
    private Conditional() {
    }

    static void answer(Context ctx, Document document) {
        ctx.header("ETag", document.etag());
        // Each caller sees their own list: shared caches must not keep it; browsers must ask again.
        ctx.header("Cache-Control", "private, no-cache");
        if (matches(ctx.header("If-None-Match"), document.etag())) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.contentType("application/json").result(document.body());
    }

    /** Weak comparison over a comma-separated list of entity tags, or {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
