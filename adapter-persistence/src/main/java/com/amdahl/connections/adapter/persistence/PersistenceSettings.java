package com.amdahl.connections.adapter.persistence;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach the database and which keys encrypt credentials. {@code secretKeys} maps a key id
 * to a 32-byte AES-256 key; {@code currentKeyId} names the one new writes use. {@link #toString()}
 * never shows the password or a key.
 */
public record PersistenceSettings(String jdbcUrl, String user, String password, int maxPoolSize,
        Map<String, byte[]> secretKeys, String currentKeyId) {

    /**
     * The embedded default: one H2 file, opened by one process at a time, each commit written
     * before it is acknowledged (any H2 file URL without its own WRITE_DELAY gets that too). No
     * {@code AUTO_SERVER}: with it, H2 lost acknowledged commits across kill -9 and restart cycles
     * (a second process is refused instead; see {@link PersistenceAdapter#connect}).
     */
    public static final String DEFAULT_H2_URL = "jdbc:h2:file:./data/connections;WRITE_DELAY=0";

    /**
     * Whether no other process can hold this database while this one does: an H2 file (H2 locks
     * it) or memory database without {@code AUTO_SERVER}. Then a run left {@code running} when this
     * process opened the database belonged to a process that is gone.
     */
    public boolean exclusive() {
        return jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains(";AUTO_SERVER=TRUE")
                && (H2Files.databasePath(jdbcUrl).isPresent() || jdbcUrl.startsWith("jdbc:h2:mem:"));
    }

    public PersistenceSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(secretKeys, "secretKeys");
        Objects.requireNonNull(currentKeyId, "currentKeyId");
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
        Map<String, byte[]> copy = new LinkedHashMap<>();
        secretKeys.forEach((id, key) -> {
            if (id == null || id.isBlank() || id.length() > 64) {
                throw new IllegalArgumentException("a key id must be 1-64 characters");
            }
            if (key == null || key.length != 32) {
                throw new IllegalArgumentException("key '" + id + "' must be 32 bytes (AES-256)");
            }
            copy.put(id, key.clone());
        });
        if (!copy.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("the current key id '" + currentKeyId + "' has no key");
        }
        secretKeys = Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        return "PersistenceSettings[jdbcUrl=" + PersistenceAdapter.redactUrl(jdbcUrl) + ", user=" + user
                + ", password=<redacted>, maxPoolSize=" + maxPoolSize + ", keyIds=" + secretKeys.keySet()
                + ", currentKeyId=" + currentKeyId + "]";
    }
}
