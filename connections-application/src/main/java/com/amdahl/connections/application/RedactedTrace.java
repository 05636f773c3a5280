package com.amdahl.connections.application;

import java.util.ArrayList;
import java.util.List;

/**
 * A throwable fit for a log line: the class names and stack frames of a failure and its causes,
 * without their messages. Messages of library exceptions quote what they choke on (a header value
 * holding an API key, a request body), so adapters log this copy instead of the original.
 */
public final class RedactedTrace extends RuntimeException {
    private static final int MAX_CAUSES = 16;

    private RedactedTrace(Throwable original, Throwable cause) {
        super(original.getClass().getName(), cause, false, true);
        setStackTrace(original.getStackTrace());
    }

    /** The copy of {@code failure} (and up to 16 causes) with every message replaced by the class name. */
    public static RedactedTrace of(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() <= MAX_CAUSES && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        RedactedTrace copy = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            copy = new RedactedTrace(chain.get(i), copy);
        }
        return copy;
    }
}
