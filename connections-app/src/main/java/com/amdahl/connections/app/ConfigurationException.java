package com.amdahl.connections.app;

/** A configuration the app cannot start with; its message says what to fix and never holds a secret. */
final class ConfigurationException extends RuntimeException {
    ConfigurationException(String message) {
        super(message);
    }
}
