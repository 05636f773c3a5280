package com.amdahl.connections.adapter.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An H2 database on disk: what makes it durable and private. A commit is written to the file
 * before it is acknowledged ({@code WRITE_DELAY=0}; H2's default of 500 ms loses acknowledged
 * writes when the process is killed), and the database's files are readable by their owner only:
 * a folder this adapter creates is 0700, the database files are 0600 (the credentials key beside
 * them is too). An existing folder keeps its mode: it may be the working directory.
 */
final class H2Files {
    private static final int DATABASE_ALREADY_OPEN = 90020; // org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1
    private static final List<String> SUFFIXES = List.of(".mv.db", ".lock.db", ".trace.db");

    private H2Files() {
    }

    /** The URL with {@code WRITE_DELAY=0} added, for a file database whose URL does not choose a write delay itself. */
    static String durable(String url) {
        if (databasePath(url).isEmpty() || url.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=")) {
            return url;
        }
        return url + ";WRITE_DELAY=0";
    }

    /** Before H2 opens the database: the folder (0700 when created here) and an empty database file (0600) if none exists. */
    static void prepare(String url) {
        databasePath(url).ifPresent(base -> {
            try {
                Path folder = base.toAbsolutePath().getParent();
                if (folder != null && !Files.isDirectory(folder)) {
                    createPrivateFolders(folder);
                }
                Path file = base.resolveSibling(base.getFileName() + ".mv.db");
                if (!Files.exists(file)) {
                    try {
                        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    } catch (FileAlreadyExistsException anotherProcessWasFaster) {
                        // it is being created by another process of the app
                    }
                }
            } catch (UnsupportedOperationException notPosix) {
                // best effort on non-POSIX file systems
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the database folder", e);
            }
        });
    }

    /** After H2 opened it: the database's own files (data, lock, trace) are the owner's only. */
    static void restrict(String url) {
        databasePath(url).ifPresent(base -> {
            for (String suffix : SUFFIXES) {
                Path file = base.resolveSibling(base.getFileName() + suffix);
                try {
                    if (Files.exists(file)) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    }
                } catch (UnsupportedOperationException | IOException notMineOrGone) {
                    // another user's file, a vanished lock file, or no POSIX modes: nothing to tighten
                }
            }
        });
    }

    private static void createPrivateFolders(Path folder) throws IOException {
        Path parent = folder.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createPrivateFolders(parent);
        }
        try {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException anotherProcessWasFaster) {
            // created meanwhile
        }
    }

    /**
     * Opens the file database once and shuts it down cleanly, when no one else in this JVM has it
     * open. A process killed with kill -9 leaves H2's store header pointing at an older chunk; the
     * next process recovers the newer ones, but if it too is killed before it writes a new header,
     * the recovery after it lost everything that process had committed (CrashDurabilityIT: all
     * writes of the 12th of 20 kill -9 cycles). A clean shutdown right after recovery writes the
     * header, so each process starts from a settled file.
     */
    static void settle(String url, String user, String password) throws java.sql.SQLException {
        if (databasePath(url).isEmpty()) {
            return;
        }
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, user, password);
                java.sql.Statement statement = connection.createStatement()) {
            try (java.sql.ResultSet sessions = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
                if (!sessions.next() || sessions.getLong(1) != 1) {
                    return; // open elsewhere in this JVM (an embedder's second runtime): already settled
                }
            }
            statement.execute("SHUTDOWN");
        }
    }

    /** H2's "database may be already in use" (error 90020): another process holds the file's lock. */
    static boolean heldByAnotherProcess(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == DATABASE_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    /** The base path of a file database ({@code jdbc:h2:file:./data/connections} gives {@code ./data/connections}); empty for memory, TCP and others. */
    static Optional<Path> databasePath(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        String name = semicolon >= 0 ? rest.substring(0, semicolon) : rest;
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (name.matches("^[A-Za-z]{2,}:.*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:, nio: ... (a one-letter prefix is a Windows drive)
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(Path.of(name));
    }
}
