package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.RateBudgets;
import com.amdahl.connections.application.port.out.CadenceOverrides;
import com.amdahl.connections.application.port.out.ConnectionRepository;
import com.amdahl.connections.application.port.out.CredentialVault;
import com.amdahl.connections.application.port.out.EventLog;
import com.amdahl.connections.application.port.out.FleetStatistics;
import com.amdahl.connections.application.port.out.ReadinessProbe;
import com.amdahl.connections.application.port.out.NotificationEndpointStore;
import com.amdahl.connections.application.port.out.NotificationOutbox;
import com.amdahl.connections.application.port.out.OAuthStateStore;
import com.amdahl.connections.application.port.out.StaleMarks;
import com.amdahl.connections.application.port.out.RecordFeed;
import com.amdahl.connections.application.port.out.RecordPurges;
import com.amdahl.connections.application.port.out.RecordReconciliations;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.SchedulingQueries;
import com.amdahl.connections.application.port.out.KnowledgeSource;
import com.amdahl.connections.application.port.out.KnowledgeSyncStore;
import com.amdahl.connections.application.port.out.StreamCursors;
import com.amdahl.connections.application.port.out.SyncRunRepository;
import com.amdahl.connections.application.port.out.TokenStore;
import com.amdahl.connections.application.port.out.UnitOfWork;
import com.amdahl.connections.application.port.out.WorkspaceDirectory;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * The persistence adapter's one entry point: opens a pooled connection to H2 or PostgreSQL,
 * applies pending Flyway migrations, and hands out every outbound port backed by the database.
 */
public final class PersistenceAdapter implements AutoCloseable {
    /** Rows re-encrypted per transaction by {@link #rotateCredentials()}. */
    public static final int ROTATION_BATCH_SIZE = 500;

    private final javax.sql.DataSource dataSource;
    private final Runnable closeDataSource;
    private final PersistenceSettings settings;
    private final Database db;
    private final ConnectionRepository connections;
    private final SyncRunRepository runs;
    private final EventLog events;
    private final AesGcmCredentialVault credentials;
    private final JdbiOAuthStateStore oauthStates;
    private final WorkspaceDirectory workspaces;
    private final TokenStore tokens;
    private final CadenceOverrides cadenceOverrides;
    private final SchedulingQueries schedulingQueries;
    private final RecordSink recordSink;
    private final StreamCursors cursors;
    private final FleetStatistics fleetStatistics;
    private final SchemaReadiness readiness;
    private final JdbiNotificationEndpoints notificationEndpoints;
    private final NotificationOutbox notificationOutbox;
    private final StaleMarks staleMarks;
    private final KnowledgeSyncStore knowledgeSync;

    private PersistenceAdapter(javax.sql.DataSource dataSource, Runnable closeDataSource, PersistenceSettings settings) {
        this.dataSource = dataSource;
        this.closeDataSource = closeDataSource;
        this.settings = settings;
        Jdbi jdbi = Jdbi.create(dataSource);
        // Statement exceptions would otherwise render the SQL and its bound values (an OAuth state's
        // PKCE verifier, a token hash) into messages that reach log lines.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        this.db = new Database(jdbi, dataSource);
        if (settings.jdbcUrl().startsWith("jdbc:postgresql:")) {
            db.eventsAcrossProcesses(() -> java.sql.DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
                    settings.password()));
        }
        this.connections = new JdbiConnectionRepository(db);
        this.runs = new JdbiSyncRunRepository(db);
        this.events = new JdbiEventLog(db);
        AesGcm box = new AesGcm(settings.secretKeys(), settings.currentKeyId());
        Clock clock = Clock.systemUTC(); // stored-at times only: nothing here decides by the clock
        this.credentials = new AesGcmCredentialVault(db, box, clock);
        this.oauthStates = new JdbiOAuthStateStore(db, box);
        this.workspaces = new JdbiWorkspaceDirectory(db);
        this.tokens = new JdbiTokenStore(db);
        this.cadenceOverrides = new JdbiCadenceOverrides(db);
        this.schedulingQueries = new JdbiSchedulingQueries(db);
        this.recordSink = new JdbiRecordSink(db, clock, JdbiRecordSink.DEFAULT_MAX_RECORD_BYTES);
        this.cursors = new JdbiStreamCursors(db, clock);
        this.fleetStatistics = new JdbiFleetStatistics(db);
        this.readiness = new SchemaReadiness(dataSource);
        this.notificationEndpoints = new JdbiNotificationEndpoints(db, box);
        this.notificationOutbox = new JdbiNotificationOutbox(db);
        this.staleMarks = new JdbiStaleMarks(db);
        this.knowledgeSync = new JdbiKnowledgeSyncStore(db);
    }

    /**
     * Connects, migrates (idempotent) and returns the adapter.
     *
     * @throws ConnectionsException with {@link ErrorCode#DATABASE_UNAVAILABLE} when the database
     *     cannot be reached or migrated; the message never contains the password
     */
    public static PersistenceAdapter open(PersistenceSettings settings) {
        PersistenceAdapter adapter = connect(settings);
        try {
            adapter.applyMigrations();
            return adapter;
        } catch (RuntimeException e) {
            adapter.close();
            throw e;
        }
    }

    /**
     * Connects without touching the schema: {@link #applyMigrations()} must succeed before any port
     * is used. Lets a server listen (liveness) while the schema is brought up to date.
     *
     * @throws ConnectionsException with {@link ErrorCode#DATABASE_UNAVAILABLE} when the database
     *     cannot be reached; the message never contains the password
     */
    public static PersistenceAdapter connect(PersistenceSettings settings) {
        String url = prepared(settings, true);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setPoolName("connections-db");
        config.setConnectionTimeout(10_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw unavailable("Cannot connect to the database at " + redactUrl(settings.jdbcUrl()), e, settings);
        }
        return new PersistenceAdapter(dataSource, dataSource::close, settings);
    }

    /**
     * Like {@link #connect} over one JDBC connection instead of a pool: for a command that writes a
     * row and exits, where filling a pool and starting its housekeeper is most of the work. One
     * thread at a time; {@link #observePool} observes nothing.
     */
    public static PersistenceAdapter connectOnce(PersistenceSettings settings) {
        String url = prepared(settings, false); // a command closes cleanly, which writes the header
        try {
            OneConnection connection = OneConnection.open(url, settings.user(), settings.password());
            return new PersistenceAdapter(connection, connection::close, settings);
        } catch (java.sql.SQLException e) {
            throw unavailable("Cannot connect to the database at " + redactUrl(settings.jdbcUrl()), e, settings);
        }
    }

    /**
     * The durable URL, with H2's listener on loopback and its folder and file created private; with
     * {@code settle}, an H2 file only this process may hold is settled first (see {@link H2Files#settle}).
     */
    private static String prepared(PersistenceSettings settings, boolean settle) {
        if (settings.jdbcUrl().startsWith("jdbc:h2:")) {
            // a URL that asks for H2's AUTO_SERVER gets its listener on loopback only (CONTRACT 9.1);
            // the one place this is set, before H2 reads it
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        String url = PostgresUrls.withoutValuesInErrors(H2Files.durable(settings.jdbcUrl()));
        try {
            H2Files.prepare(url);
        } catch (java.io.UncheckedIOException e) {
            throw unavailable("Cannot create the database folder of " + redactUrl(url), e, settings);
        }
        if (settle && settings.exclusive()) {
            try {
                H2Files.settle(url, settings.user(), settings.password());
            } catch (java.sql.SQLException e) {
                throw unavailable("Cannot open the database at " + redactUrl(settings.jdbcUrl()), e, settings);
            }
        }
        return url;
    }

    /**
     * Applies pending migrations (idempotent). When the schema history already shows exactly this
     * build's migrations, one query answers and Flyway is not started (see {@link SchemaHistory}).
     *
     * @throws ConnectionsException with {@link ErrorCode#DATABASE_UNAVAILABLE} when the database
     *     cannot be migrated; the message never contains the password
     */
    public void applyMigrations() {
        String url = PostgresUrls.withoutValuesInErrors(H2Files.durable(settings.jdbcUrl()));
        try {
            if (!SchemaHistory.isCurrent(dataSource)) {
                // Flyway holds one connection for its lock and another for the work: give it its own
                // connections, so a pool of one does not starve it
                migrate(Flyway.configure().dataSource(url, settings.user(), settings.password()));
            }
            H2Files.restrict(url);
        } catch (RuntimeException e) {
            throw unavailable("Cannot migrate the database at " + redactUrl(settings.jdbcUrl()), e, settings);
        }
    }

    static void migrate(javax.sql.DataSource dataSource) {
        migrate(Flyway.configure().dataSource(dataSource));
    }

    private static void migrate(org.flywaydb.core.api.configuration.FluentConfiguration flyway) {
        flyway.locations("classpath:db/migration").placeholders(java.util.Map.of("large_text",
                isPostgres(flyway.getDataSource()) ? "TEXT" : "CHARACTER VARYING(1000000000)")).load().migrate();
    }

    private static boolean isPostgres(javax.sql.DataSource dataSource) {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot tell the database product", e);
        }
    }

    /** Whether no other process can hold this database while this one does (see {@link PersistenceSettings#exclusive()}). */
    public boolean exclusive() {
        return settings.exclusive();
    }

    public ConnectionRepository connections() {
        return connections;
    }

    public SyncRunRepository runs() {
        return runs;
    }

    public EventLog events() {
        return events;
    }

    public CredentialVault credentials() {
        return credentials;
    }

    public OAuthStateStore oauthStates() {
        return oauthStates;
    }

    public WorkspaceDirectory workspaces() {
        return workspaces;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public CadenceOverrides cadenceOverrides() {
        return cadenceOverrides;
    }

    /** Transactions spanning several port calls; nested units join the outer one. */
    /** The sync engine's cross-workspace queries (due connections, expired leases, retention). */
    public SchedulingQueries schedulingQueries() {
        return schedulingQueries;
    }

    /**
     * The default record sink: {@code synced_records} by (connection, stream, external id), with
     * change facts; a record over 16 MiB of UTF-8 is skipped and counted.
     */
    public RecordSink recordSink() {
        return recordSink;
    }

    /**
     * Provider accounts' request budgets shared by every process on this database (a locked row
     * per account); a single process may keep them in memory instead.
     */
    public RateBudgets rateBudgets() {
        return new JdbiRateBudgets(db);
    }

    /** The change feed over what the default record sink stored (CONTRACT 10). */
    public RecordFeed recordFeed() {
        return new JdbiRecordFeed(db);
    }

    /** What delete detection remembers per stream of the records the default sink stored. */
    public RecordReconciliations recordReconciliations() {
        return new JdbiRecordReconciliations(db);
    }

    /** Retention, purge and erasure of the records the default sink stored. */
    public RecordPurges recordPurges() {
        return new JdbiRecordPurges(db);
    }

    /** The default record sink with another bound on one record's size (bytes of UTF-8). */
    public RecordSink recordSink(long maxRecordBytes) {
        return new JdbiRecordSink(db, Clock.systemUTC(), maxRecordBytes);
    }

    /**
     * The server's default knowledge base: Markdown files under {@code folder/<workspace id>/}, front
     * matter for title and tags (see the README, "Notion Knowledge Sync").
     */
    public static KnowledgeSource markdownFolder(java.nio.file.Path folder) {
        return new MarkdownFolder(folder);
    }

    /** Settings and page mappings of outbound knowledge syncs. */
    public KnowledgeSyncStore knowledgeSync() {
        return knowledgeSync;
    }

    public StreamCursors cursors() {
        return cursors;
    }

    /** Cross-workspace grouped counts for operators' gauges. */
    public FleetStatistics fleetStatistics() {
        return fleetStatistics;
    }

    /** Ready when the database answers and its migrations are current (for {@code /readyz}). */
    public ReadinessProbe readiness() {
        return readiness;
    }

    /**
     * Lets a metrics library observe the connection pool: HikariCP takes a Micrometer
     * {@code MeterRegistry} (or a Dropwizard registry) without this adapter depending on either.
     */
    public void observePool(Object metricRegistry) {
        if (dataSource instanceof HikariDataSource pool) {
            pool.setMetricRegistry(metricRegistry);
        }
    }

    /** Notification endpoints, their signing secrets encrypted like credentials. */
    public NotificationEndpointStore notificationEndpoints() {
        return notificationEndpoints;
    }

    public NotificationOutbox notificationOutbox() {
        return notificationOutbox;
    }

    public StaleMarks staleMarks() {
        return staleMarks;
    }

    public UnitOfWork unitOfWork() {
        return db;
    }

    /**
     * Re-encrypts every stored credential and PKCE verifier that is not under the current key with
     * the current key, in transactions of {@value #ROTATION_BATCH_SIZE} rows. Open the adapter with both the old and
     * the new key, the new one current.
     *
     * Notification endpoints' signing secrets are re-encrypted too.
     *
     * @return how many secrets were re-encrypted
     */
    public int rotateCredentials() {
        int verifiers = oauthStates.rotate(ROTATION_BATCH_SIZE); // first: the credentials' pass may throw
        int signingSecrets = notificationEndpoints.rotate();
        return credentials.rotate(ROTATION_BATCH_SIZE) + verifiers + signingSecrets;
    }

    Jdbi jdbi() {
        return db.jdbi();
    }

    javax.sql.DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        db.events().close();
        readiness.close();
        closeDataSource.run();
    }

    /** The URL without its parameters, which may carry a password. */
    static String redactUrl(String url) {
        int cut = url.length();
        for (char separator : new char[] {'?', ';'}) {
            int at = url.indexOf(separator);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return url.substring(0, cut);
    }

    private static ConnectionsException unavailable(String message, Throwable error, PersistenceSettings settings) {
        if (H2Files.heldByAnotherProcess(error)) {
            return new ConnectionsException(ErrorCode.DATABASE_UNAVAILABLE, "The H2 database "
                    + H2Files.databasePath(settings.jdbcUrl()).map(Object::toString).orElse(redactUrl(settings.jdbcUrl()))
                    + " is in use by another process, most likely a running `serve`: H2 lets one process open a"
                    + " database file. Stop that process and try again, or run the server on PostgreSQL"
                    + " (CONNECTIONS_DB_URL) to use commands beside it");
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = String.valueOf(root.getMessage());
        reason = reason.replace(settings.jdbcUrl(), redactUrl(settings.jdbcUrl()));
        String password = settings.password();
        if (password != null && !password.isEmpty()) {
            reason = reason.replace(password, "<redacted>");
        }
        // the cause is not chained: driver messages can quote the URL with its parameters
        return new ConnectionsException(ErrorCode.DATABASE_UNAVAILABLE, message + ": " + reason);
    }
}
