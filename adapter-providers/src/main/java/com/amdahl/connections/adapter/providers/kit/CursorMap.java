package com.amdahl.connections.adapter.providers.kit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cursor per parent (Slack channel → {@code oldest}, Outlook folder → delta link) stored as one
 * JSON object, keys sorted. A stored value that is not such an object reads as empty: a full pass.
 */
public final class CursorMap {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CursorMap() {
    }

    /** The stored cursors, in a map children running at once may update. */
    public static Map<String, String> read(Optional<String> stored) {
        Map<String, String> cursors = new ConcurrentHashMap<>();
        stored.ifPresent(text -> {
            try {
                if (JSON.readTree(text) instanceof ObjectNode object) {
                    object.fields().forEachRemaining(e -> cursors.put(e.getKey(), e.getValue().asText()));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException notOurs) {
                // a cursor some other version wrote: read everything once
            }
        });
        return cursors;
    }

    /** The map as the cursor to store; null when empty (nothing to resume from). */
    public static String write(Map<String, String> cursors) {
        if (cursors.isEmpty()) {
            return null;
        }
        ObjectNode object = JSON.createObjectNode();
        new TreeMap<>(cursors).forEach(object::put);
        return object.toString();
    }
}
