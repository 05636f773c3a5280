package com.amdahl.connections.application.view;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * A rendered read, exactly the bytes REST and MCP answer, with its entity tag: a strong tag drawn
 * from the bytes themselves (128 bits of SHA-256), so two servers rendering the same data agree
 * on it and a tag can never outlive the content it names. {@code unchangedUntil} is the first
 * instant the clock alone could change these bytes (a connection's health turning stale), or null
 * when only a write can.
 */
public record Document(byte[] body, String etag, Instant unchangedUntil) {

    public Document(byte[] body, String etag) {
        this(body, etag, null);
    }

    public static Document of(byte[] body) {
        return new Document(body, tagOf(body));
    }

    /** The same bytes, changing by the clock alone at {@code instant} (null or {@link Instant#MAX}: never). */
    public Document until(Instant instant) {
        return new Document(body, etag, Instant.MAX.equals(instant) ? null : instant);
    }

    /** Renders a {@code JsonShapes} tree with the canonical writer. */
    public static Document ofJson(Object tree) {
        return of(JsonText.write(tree).getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    static String tagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
