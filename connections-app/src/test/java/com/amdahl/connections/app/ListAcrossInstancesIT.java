package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.persistence.PostgresTestDatabase;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.in.ManageConnection.ConnectionUpdate;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Role;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two application instances on one database, each keeping its own rendered list: a list read on
 * one never misses a write the other acknowledged more than 200 ms before the read began (the
 * change counter is re-read from the database at least that often), and never misses a write of
 * its own instance at all.
 */
class ListAcrossInstancesIT {
    private static final Pattern NAME = Pattern.compile("\"name\":\"v(\\d+)\"");
    private static final int CONNECTIONS = 20;
    private static final int VERSIONS = 150;
    /** The persistence adapter's bound on other processes' writes (ChangeCounters). */
    private static final Duration BOUND = Duration.ofMillis(200);

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void a_kept_list_never_misses_a_write_acknowledged_by_the_other_instance(String backend) throws Exception {
        WireMockServer provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        provider.stubFor(get(urlPathEqualTo("/v1/users/me")).willReturn(
                okJson("{\"success\":true,\"data\":{\"company_id\":1,\"company_name\":\"Acme\"}}")));
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTIONS_PIPEDRIVE_API_BASE_URL", "http://127.0.0.1:" + provider.port());
        Path dir = null;
        if (backend.equals("h2")) {
            dir = Files.createTempDirectory("list-across");
            env.put("CONNECTIONS_DB_URL", "jdbc:h2:file:" + dir.resolve("connections") + ";AUTO_SERVER=TRUE");
        } else {
            var database = PostgresTestDatabase.freshSchema("lists");
            env.put("CONNECTIONS_DB_URL", database.url());
            env.put("CONNECTIONS_DB_USER", database.user());
            env.put("CONNECTIONS_DB_PASSWORD", database.password());
        }
        env.put("CONNECTIONS_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        AppConfig config = AppConfig.fromEnvironment(env, "127.0.0.1", 8080);
        try (ConnectionsRuntime reader = ConnectionsRuntime.open(config, SyncSettings.defaults());
                ConnectionsRuntime writer = ConnectionsRuntime.open(config, SyncSettings.defaults())) {
            writer.app.administration().createWorkspace("acme", "Acme");
            writer.app.administration().addMember("acme", "alice", Role.ADMIN);
            Principal admin = writer.app.authenticate()
                    .authenticate(writer.app.administration().createToken("acme", "alice", false)).orElseThrow();
            List<ConnectionId> ids = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                ids.add(writer.app.connect().connect(admin, new ConnectCommand("pipedrive", "v0", null, null, "key-" + i,
                        null, null, null, null)).connection().connection().id());
            }
            assertThat(reader.app.documents().list(admin).text()).contains("v0");

            // The writer renames connections to ever higher versions and notes when each rename was
            // acknowledged. A list read on the other instance that begins more than the bound after
            // an acknowledgment must show that version (or a later one); sooner, it may not yet.
            // Meanwhile the reader renames a connection of its own and must see that at once.
            long[] acknowledgedAt = new long[VERSIONS + 1];
            AtomicInteger acknowledged = new AtomicInteger();
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread renamer = new Thread(() -> {
                for (int version = 1; version <= VERSIONS; version++) {
                    ConnectionId id = ids.get(1 + version % (CONNECTIONS - 1));
                    writer.app.manage().update(admin, id, new ConnectionUpdate("v" + version, false, null));
                    acknowledgedAt[version] = System.nanoTime();
                    acknowledged.set(version);
                }
                writing.set(false);
            }, "renamer");
            renamer.start();
            List<String> misses = new ArrayList<>();
            int reads = 0;
            int late = 0;
            int unchanged = 0;
            String lastTag = null;
            int afterWrites = 0;
            while (writing.get() || reads < 10 || afterWrites++ < 3) { // reads after the last write are kept
                if (reads % 25 == 0) {
                    String mine = "mine-" + reads;
                    reader.app.manage().update(admin, ids.get(0), new ConnectionUpdate(mine, false, null));
                    if (!reader.app.documents().list(admin).text().contains("\"name\":\"" + mine + "\"")) {
                        misses.add("read " + reads + " missed this instance's own rename");
                    }
                }
                long started = System.nanoTime();
                int newest = acknowledged.get();
                var document = reader.app.documents().list(admin);
                int highest = highest(document.text());
                int due = 0; // the newest version acknowledged more than the bound before this read began
                for (int v = newest; v > 0; v--) {
                    if (started - acknowledgedAt[v] > BOUND.toNanos()) {
                        due = v;
                        break;
                    }
                }
                if (highest < due) {
                    misses.add("read " + reads + " showed v" + highest + " though v" + due + " was acknowledged more than "
                            + BOUND.toMillis() + " ms before it began");
                }
                late += highest < newest ? 1 : 0;
                unchanged += document.etag().equals(lastTag) ? 1 : 0;
                lastTag = document.etag();
                reads++;
            }
            renamer.join();
            assertThat(misses).as(backend + ": reads that missed a write beyond the bound").isEmpty();
            // The last rename shows by the end of the bound: re-read (no sleeping) until it does.
            int last = 0;
            while (last < VERSIONS) {
                long started = System.nanoTime();
                last = highest(reader.app.documents().list(admin).text());
                if (last < VERSIONS) {
                    assertThat(started - acknowledgedAt[VERSIONS]).as("still missing v%d", VERSIONS)
                            .isLessThanOrEqualTo(BOUND.toNanos());
                }
            }
            assertThat(reads).as("the reader read while the writer wrote").isGreaterThan(10);
            assertThat(unchanged).as("some reads were answered from the kept list").isPositive();
            System.out.printf("%s: %d reads, %d behind the newest acknowledged write (within the bound), %d kept%n",
                    backend, reads, late, unchanged);
        } finally {
            provider.stop();
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static int highest(String list) {
        Matcher names = NAME.matcher(list);
        int highest = 0;
        while (names.find()) {
            highest = Math.max(highest, Integer.parseInt(names.group(1)));
        }
        return highest;
    }
}
