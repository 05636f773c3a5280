package com.amdahl.connections.application.view;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A rendered read, exactly the bytes REST and MCP answer, with its entity tag: a strong tag drawn
 * from the bytes themselves (128 bits of SHA-256), so two servers rendering the same data agree
 * on it and a tag can never outlive the content it names.
 */
public record Document(byte[] body, String etag) {

    public static Document of(byte[] body) {
        return new Document(body, tagOf(body));
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
