package com.amdahl.connections.adapter.providers.kit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Reading provider JSON: scalar fields as text and dotted paths. */
public final class Json {
    private Json() {
    }

    /** A non-blank scalar field as text (numbers included), else empty. */
    public static Optional<String> text(JsonNode node, String field) {
        if (node == null) {
            return Optional.empty();
        }
        return scalar(node.get(field));
    }

    /** The node at a dotted path ({@code paging.next.after}); the empty path is the node itself; null when absent. */
    public static JsonNode at(JsonNode node, String path) {
        if (path == null || path.isEmpty()) {
            return node;
        }
        JsonNode current = node;
        for (String part : path.split("\\.")) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(part);
        }
        return current;
    }

    /** The non-blank scalar at a dotted path as text, else empty. */
    public static Optional<String> textAt(JsonNode node, String path) {
        return scalar(at(node, path));
    }

    private static Optional<String> scalar(JsonNode v) {
        if (v == null || v.isNull() || v.isContainerNode()) {
            return Optional.empty();
        }
        String s = v.asText();
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
