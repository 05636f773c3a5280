package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.application.port.out.StreamPuller.ListingWindow;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;

/**
 * The order of a listing that is a window at its newest end, read from a record's payload: a
 * numeric id that grows with time (X's post ids) or a creation time. A payload without the field,
 * or with one that does not parse, has no key, so reconciliation never judges it.
 */
public final class NewestWindow {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NewestWindow() {
    }

    /** Keyed by a field holding a whole number (as a number or a string of digits). */
    public static ListingWindow byNumber(String field) {
        return keyed(field, Long::parseLong);
    }

    /** Keyed by a field holding an ISO-8601 instant. */
    public static ListingWindow byInstant(String field) {
        return keyed(field, text -> Instant.parse(text).toEpochMilli());
    }

    private static ListingWindow keyed(String field, ToLongFunction<String> parse) {
        return payload -> field(payload, field).map(text -> {
            try {
                return OptionalLong.of(parse.applyAsLong(text));
            } catch (NumberFormatException | DateTimeParseException notAKey) {
                return OptionalLong.empty();
            }
        }).orElse(OptionalLong.empty());
    }

    private static Optional<String> field(String payload, String field) {
        try {
            JsonNode node = JSON.readTree(payload);
            return node == null ? Optional.empty() : Json.text(node, field);
        } catch (JsonProcessingException unreadable) {
            return Optional.empty();
        }
    }
}
