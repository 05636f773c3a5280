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

    static ConnectionsException failure(String field, String problem) {
        return new ConnectionsException(ErrorCode.VALIDATION_FAILED, field + " " + problem, Map.of(field, problem));
    }
}
