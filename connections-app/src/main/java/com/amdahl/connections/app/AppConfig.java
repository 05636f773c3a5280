package com.amdahl.connections.app;

import com.amdahl.connections.adapter.persistence.PersistenceSettings;
import com.amdahl.connections.application.SyncEngineRunner;
import com.amdahl.connections.application.SyncSettings;
import java.net.URI;
import com.amdahl.connections.application.DeleteSettings;
import com.amdahl.connections.domain.sync.DeleteGuard;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configuration of CONTRACT section 8, read from environment variables; command-line flags of
 * the same name override them. {@link #toString()} never shows the password or the key.
 */
record AppConfig(String dbUrl, String dbUser, String dbPassword, int dbPoolSize, String host, int port,
        String publicUrl, Set<String> consoleOrigins, String secretKey, Duration freshnessThreshold,
        boolean scheduler, int schedulerWorkers, Duration schedulerTick, Duration runLease,
        Map<String, String> environment) {
    /** A running run heartbeats this often at most; a quarter of the lease leaves room for slow beats. */
    private static final Duration HEARTBEAT_AT_MOST = Duration.ofSeconds(15);


    static AppConfig fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, null, null);
    }

    /** {@code hostFlag} and {@code portFlag} win over the variables when given. */
    static AppConfig fromEnvironment(Map<String, String> env, String hostFlag, Integer portFlag) {
        String host = hostFlag != null ? hostFlag : env.getOrDefault("CONNECTIONS_HOST", "127.0.0.1");
        int port = portFlag != null ? portFlag : parsePort(env.getOrDefault("CONNECTIONS_PORT", "8080"));
        String publicUrl = stripSlash(env.getOrDefault("CONNECTIONS_PUBLIC_URL", "http://" + host + ":" + port));
        Set<String> origins = env.containsKey("CONNECTIONS_CONSOLE_ORIGINS")
                ? Arrays.stream(env.get("CONNECTIONS_CONSOLE_ORIGINS").split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new))
                : Set.of(originOf(publicUrl));
        return new AppConfig(
                env.getOrDefault("CONNECTIONS_DB_URL", PersistenceSettings.DEFAULT_H2_URL),
                env.get("CONNECTIONS_DB_USER"),
                env.get("CONNECTIONS_DB_PASSWORD"),
                parsePositive(env.getOrDefault("CONNECTIONS_DB_POOL_SIZE", "10"), "CONNECTIONS_DB_POOL_SIZE"),
                host, port, publicUrl, origins,
                env.get("CONNECTIONS_SECRET_KEY"),
                parseDuration(env.getOrDefault("CONNECTIONS_FRESHNESS_THRESHOLD", "PT48H"), "CONNECTIONS_FRESHNESS_THRESHOLD"),
                parseSwitch(env.getOrDefault("CONNECTIONS_SCHEDULER", "on"), "CONNECTIONS_SCHEDULER"),
                parsePositive(env.getOrDefault("CONNECTIONS_SCHEDULER_WORKERS", "4"), "CONNECTIONS_SCHEDULER_WORKERS"),
                parseDuration(env.getOrDefault("CONNECTIONS_SCHEDULER_TICK", "PT2S"), "CONNECTIONS_SCHEDULER_TICK"),
                parseDuration(env.getOrDefault("CONNECTIONS_RUN_LEASE", "PT2M"), "CONNECTIONS_RUN_LEASE"),
                Map.copyOf(env));
    }

    /**
     * {@code CONNECTIONS_RECORD_MAX_BYTES}: the largest record payload the store keeps (bytes of
     * UTF-8, default 16 MiB); a larger one is skipped and counted on its run.
     */
    long maxRecordBytes() {
        String value = environment.getOrDefault("CONNECTIONS_RECORD_MAX_BYTES", "16777216").strip();
        try {
            long bytes = Long.parseLong(value);
            if (bytes >= 1) {
                return bytes;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new ConfigurationException("CONNECTIONS_RECORD_MAX_BYTES must be a positive number of bytes");
    }

    /** {@code CONNECTIONS_KNOWLEDGE_DIR}: the Markdown knowledge base, one subfolder per workspace id. */
    java.nio.file.Path knowledgeDir() {
        String value = environment.getOrDefault("CONNECTIONS_KNOWLEDGE_DIR", "").strip();
        return java.nio.file.Path.of(value.isEmpty() ? "./data/knowledge" : value);
    }

    /**
     * Delete detection: {@code CONNECTIONS_DELETE_GUARD_SHARE} (a fraction, default 0.2) and
     * {@code CONNECTIONS_DELETE_GUARD_MIN_ROWS} (default 50) bound the deletes one pass applies;
     * {@code CONNECTIONS_RECONCILE_EVERY} (default P7D) is how often an incremental stream gets a
     * full pass to reconcile against; {@code CONNECTIONS_DELETED_RECORD_RETENTION} (default P30D)
     * how long a deleted record keeps its payload.
     */
    DeleteSettings deleteSettings() {
        String share = environment.getOrDefault("CONNECTIONS_DELETE_GUARD_SHARE", "0.2").strip();
        double parsedShare;
        try {
            parsedShare = Double.parseDouble(share);
        } catch (NumberFormatException notANumber) {
            parsedShare = Double.NaN;
        }
        if (!(parsedShare >= 0 && parsedShare <= 1)) {
            throw new ConfigurationException("CONNECTIONS_DELETE_GUARD_SHARE must be a fraction between 0 and 1 (e.g. 0.2)");
        }
        String rows = environment.getOrDefault("CONNECTIONS_DELETE_GUARD_MIN_ROWS", "50").strip();
        long parsedRows;
        try {
            parsedRows = Long.parseLong(rows);
        } catch (NumberFormatException notANumber) {
            parsedRows = -1;
        }
        if (parsedRows < 0) {
            throw new ConfigurationException("CONNECTIONS_DELETE_GUARD_MIN_ROWS must be a number of records (0 or more)");
        }
        return new DeleteSettings(new DeleteGuard(parsedShare, parsedRows),
                parseDuration(environment.getOrDefault("CONNECTIONS_RECONCILE_EVERY", "P7D"), "CONNECTIONS_RECONCILE_EVERY"),
                parseDuration(environment.getOrDefault("CONNECTIONS_DELETED_RECORD_RETENTION", "P30D"),
                        "CONNECTIONS_DELETED_RECORD_RETENTION"));
    }

    /**
     * Port 0 means "any free port": pick one now, so the public URL (the OAuth redirect_uri)
     * names the port the server will really listen on.
     */
    AppConfig withResolvedPort() {
        if (port != 0) {
            return this;
        }
        int free;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            free = probe.getLocalPort();
        } catch (java.io.IOException e) {
            throw new ConfigurationException("cannot find a free port on " + host);
        }
        Map<String, String> env = new java.util.HashMap<>(environment);
        return fromEnvironment(env, host, free);
    }

    /**
     * The engine's settings: the defaults with the configured lease, heartbeating at most every
     * quarter of it, the per-workspace cap on runs ({@code CONNECTIONS_WORKSPACE_MAX_RUNS}) and the
     * longest single wait for a provider's rate limit ({@code CONNECTIONS_RATE_WAIT_MAX}).
     */
    SyncSettings syncSettings() {
        Duration quarter = runLease.dividedBy(4);
        Duration heartbeat = quarter.compareTo(HEARTBEAT_AT_MOST) < 0 ? quarter : HEARTBEAT_AT_MOST;
        int workspaceMaxRuns = parsePositive(environment.getOrDefault("CONNECTIONS_WORKSPACE_MAX_RUNS", "2"),
                "CONNECTIONS_WORKSPACE_MAX_RUNS");
        if (workspaceMaxRuns < 1) {
            throw new ConfigurationException("CONNECTIONS_WORKSPACE_MAX_RUNS must be at least 1");
        }
        return SyncSettings.defaults().withLease(heartbeat, runLease).withWorkspaceMaxRuns(workspaceMaxRuns)
                .withRateWaitMax(parseDuration(environment.getOrDefault("CONNECTIONS_RATE_WAIT_MAX", "PT60S"),
                        "CONNECTIONS_RATE_WAIT_MAX"));
    }

    /** How {@code serve} runs the engine: dispatch per CONNECTIONS_SCHEDULER, execution per CONNECTIONS_SCHEDULER_WORKERS. */
    SyncEngineRunner.Options engineOptions() {
        return new SyncEngineRunner.Options(scheduler, schedulerWorkers, schedulerTick);
    }

    boolean isH2() {
        return dbUrl.startsWith("jdbc:h2:");
    }

    private static int parsePort(String value) {
        int port = parsePositive(value, "CONNECTIONS_PORT");
        if (port > 65535) {
            throw new ConfigurationException("CONNECTIONS_PORT must be 0-65535");
        }
        return port;
    }

    private static int parsePositive(String value, String name) {
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name + " must be a non-negative integer");
        }
    }

    private static Duration parseDuration(String value, String name) {
        try {
            Duration duration = Duration.parse(value.strip());
            if (duration.isNegative() || duration.isZero()) {
                throw new ConfigurationException(name + " must be positive");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(name + " must be an ISO-8601 duration such as PT48H");
        }
    }

    static boolean parseSwitch(String value, String name) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "1" -> true;
            case "off", "false", "0" -> false;
            default -> throw new ConfigurationException(name + " must be on or off");
        };
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String originOf(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("CONNECTIONS_PUBLIC_URL is not a URL");
        }
    }

    @Override
    public String toString() {
        return "AppConfig[db=" + dbUrl.replaceAll("password=[^;&]*", "password=<redacted>") + ", host=" + host
                + ", port=" + port + ", publicUrl=" + publicUrl + ", consoleOrigins=" + consoleOrigins
                + ", secretKey=" + (secretKey == null ? "unset" : "<redacted>") + ", freshness=" + freshnessThreshold
                + ", scheduler=" + (scheduler ? "on" : "off") + ", workers=" + schedulerWorkers + ", tick=" + schedulerTick
                + ", runLease=" + runLease + "]";
    }
}
