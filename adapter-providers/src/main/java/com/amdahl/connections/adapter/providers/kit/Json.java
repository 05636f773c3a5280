package com.amdahl.connections.adapter.providers.kit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
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

    /**
     * The timestamp at a dotted path: ISO-8601 with an offset ({@code 2026-11-05T09:00:00Z},
     * {@code 2026-11-05T09:00:00.000+00:00}), Salesforce's offset without a colon
     * ({@code 2026-11-05T09:00:00.000+0000}) or Pipedrive's UTC {@code 2026-11-05 09:00:00}; empty
     * when absent or none of these.
     */
    public static Optional<Instant> instantAt(JsonNode node, String path) {
        return textAt(node, path).flatMap(Json::instant);
    }

    private static final List<DateTimeFormatter> TIMESTAMPS = List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC));

    private static Optional<Instant> instant(String text) {
        for (DateTimeFormatter format : TIMESTAMPS) {
            try {
                return Optional.of(format.parse(text, Instant::from));
            } catch (DateTimeParseException notThisOne) {
                // the next format
            }
        }
        return Optional.empty();
    }

    private static Optional<String> scalar(JsonNode v) {
        if (v == null || v.isNull() || v.isContainerNode()) {
            return Optional.empty();
        }
        String s = v.asText();
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
