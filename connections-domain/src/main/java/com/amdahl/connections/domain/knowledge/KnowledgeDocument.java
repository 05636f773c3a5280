package com.amdahl.connections.domain.knowledge;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One document of a knowledge base: a stable id (the same document keeps it across edits), a
 * title, a Markdown body, tags and when it was last updated.
 */
public record KnowledgeDocument(String id, String title, String markdown, List<String> tags, Instant updatedAt) {
    public KnowledgeDocument {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a knowledge document needs an id");
        }
        title = title == null || title.isBlank() ? id : title;
        markdown = markdown == null ? "" : markdown;
        tags = tags == null ? List.of() : List.copyOf(tags);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * A SHA-256 over everything a page is written from: the document and the settings' property
     * mapping ({@code fingerprint}), so a changed mapping rewrites every page once and an unchanged
     * document costs nothing.
     */
    public String contentHash(String fingerprint) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(fingerprint, id, title, String.join("\u001f", tags), updatedAt.toString(), markdown)) {
                for (int i = 0; i < part.length(); i++) { // UTF-16 units: the domain takes no charset
                    char c = part.charAt(i);
                    sha.update((byte) (c >> 8));
                    sha.update((byte) c);
                }
                sha.update((byte) 0x1e);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is always available", impossible);
        }
    }
}
