package com.amdahl.connections.application.port.in;

/**
 * A request body an adapter reads only when the use case asks for it: after the caller's scope
 * and the id in the path were judged, so a caller who may not write learns nothing about what a
 * valid body is. Reading may throw the adapter's own refusal of a malformed body.
 */
@FunctionalInterface
public interface Body<T> {
    T read();
}
