package com.amdahl.connections.adapter.providers.kit;

/** A 2xx whose body is not the page it should be; the stream fails with {@code unknown}. */
public final class MalformedPage extends RuntimeException {
    public MalformedPage() {
        super(null, null, false, false);
    }
}
