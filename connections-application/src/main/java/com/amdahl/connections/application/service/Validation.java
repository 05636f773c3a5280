package com.amdahl.connections.application.service;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import java.util.Map;

/** Refusals of bad input in the use cases, naming the field like the REST layer's validation does. */
final class Validation {
    private Validation() {
    }

    static void require(boolean condition, String field, String problem) {
        if (!condition) {
            throw failure(field, problem);
        }
    }

    /**
     * Text a person typed on one line (a name, a display name): no control characters, no
     * unpaired UTF-16 surrogates (they cannot be stored or sent as UTF-8).
     */
    static void requireSingleLine(String field, String value) {
        if (value != null) {
            require(value.codePoints().noneMatch(c -> Character.isISOControl(c) || isSurrogate(c)), field,
                    "must not contain control characters or unpaired surrogates");
        }
    }

    /**
     * A provider API key: printable ASCII only, as it travels in an HTTP header. Checked before any
     * provider call; the value is never part of the refusal.
     */
    static void requireHeaderSafe(String field, String value) {
        if (value != null) {
            require(value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), field,
                    "must contain only printable ASCII characters");
        }
    }

    private static boolean isSurrogate(int codePoint) {
        return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
    }

    static ConnectionsException failure(String field, String problem) {
        return new ConnectionsException(ErrorCode.VALIDATION_FAILED, field + " " + problem, Map.of(field, problem));
    }
}
