package com.amdahl.connections.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES-256 key for credentials at rest: {@code CONNECTIONS_SECRET_KEY} (base64), or, on the
 * embedded H2 default only, a key generated once into the data folder (with a warning). Its id is
 * derived from the key, so the same key always has the same id.
 */
final class SecretKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SecretKeys.class);

    private SecretKeys() {
    }

    record Key(String id, byte[] bytes) {
        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    static Key decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("the secret key must be base64");
        }
        if (bytes.length != 32) {
            throw new ConfigurationException("the secret key must be 32 bytes (AES-256), base64-encoded");
        }
        return new Key(idOf(bytes), bytes);
    }

    static Key resolve(AppConfig config) {
        if (config.secretKey() != null && !config.secretKey().isBlank()) {
            return decode(config.secretKey());
        }
        if (!config.isH2()) {
            throw new ConfigurationException("CONNECTIONS_SECRET_KEY is required with a non-H2 database "
                    + "(generate one with: openssl rand -base64 32)");
        }
        Path file = dataFolder(config.dbUrl()).resolve("secret.key");
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII));
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            createPrivateFolder(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(bytes), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on non-POSIX file systems
            }
            LOG.warn("CONNECTIONS_SECRET_KEY is not set: generated a credentials key into {} - back it up, "
                    + "and set CONNECTIONS_SECRET_KEY in production", file);
            return new Key(idOf(bytes), bytes);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read or create the credentials key at " + file + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** The data folder, when this creates it, is the owner's only (0700), like the database files in it. */
    private static void createPrivateFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(folder);
        }
    }

    /** The folder of an H2 file URL ({@code jdbc:h2:file:./data/connections;...} gives {@code ./data}). */
    static Path dataFolder(String h2Url) {
        String rest = h2Url.substring("jdbc:h2:".length());
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        int semicolon = rest.indexOf(';');
        String path = semicolon >= 0 ? rest.substring(0, semicolon) : rest;
        if (path.startsWith("mem:")) {
            return Path.of(System.getProperty("java.io.tmpdir"), "connections-mem");
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    private static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return "k" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
