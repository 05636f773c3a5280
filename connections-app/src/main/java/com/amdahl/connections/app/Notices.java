package com.amdahl.connections.app;

import com.amdahl.connections.app.ops.ConfiguredLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A notice for the person who started {@code serve} (where it listens, the demo token's use). On
 * stderr as a plain line; with {@code CONNECTIONS_LOG_FORMAT=json} as a log line instead, so
 * stderr stays one JSON object per line.
 */
final class Notices {
    private static final Logger LOG = LoggerFactory.getLogger(Notices.class);

    private Notices() {
    }

    static void say(String text) {
        if ("json".equalsIgnoreCase(String.valueOf(System.getenv(ConfiguredLayout.VARIABLE)).strip())) {
            LOG.info(text);
        } else {
            System.err.println(text);
        }
    }
}
