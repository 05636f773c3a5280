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

    /**
     * The node at a dotted path ({@code paging.next.after}); a key that itself contains dots
     * ({@code @odata.nextLink}) is matched whole first. The empty path is the node itself; null when absent.
     */
    public static JsonNode at(JsonNode node, String path) {
        if (path == null || path.isEmpty()) {
            return node;
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        if (node.has(path)) {
            return node.get(path);
        }
        int dot = path.indexOf('.');
        while (dot > 0) {
            JsonNode head = node.get(path.substring(0, dot));
            if (head != null) {
                JsonNode found = at(head, path.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
            dot = path.indexOf('.', dot + 1);
        }
        return null;
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
