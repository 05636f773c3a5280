package com.amdahl.connections.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An H2 file database opened by the adapter is durable at commit and private to its owner. */
class H2FilesIT {
    @TempDir
    Path dir;

    private static PersistenceAdapter open(String url) {
        return PersistenceAdapter.open(new PersistenceSettings(url, null, null, 2, Map.of("k", new byte[32]), "k"));
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static List<String> writeDelays(PersistenceAdapter db) {
        return db.jdbi().withHandle(h -> h.createQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")
                .mapTo(String.class).list());
    }

    @Test
    void a_folder_it_creates_is_0700_and_the_database_files_are_0600() throws Exception {
        Path folder = dir.resolve("data").resolve("nested");
        try (PersistenceAdapter db = open("jdbc:h2:file:" + folder.resolve("connections") + ";AUTO_SERVER=TRUE")) {
            assertThat(mode(dir.resolve("data"))).isEqualTo("rwx------");
            assertThat(mode(folder)).isEqualTo("rwx------");
            assertThat(mode(folder.resolve("connections.mv.db"))).isEqualTo("rw-------");
            assertThat(mode(folder.resolve("connections.lock.db"))).as("the auto-server's lock file names its key")
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void an_existing_folder_keeps_its_mode() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (PersistenceAdapter db = open("jdbc:h2:file:" + dir.resolve("connections"))) {
            assertThat(mode(dir)).isEqualTo("rwxr-xr-x");
            assertThat(mode(dir.resolve("connections.mv.db"))).isEqualTo("rw-------");
        }
    }

    @Test
    void every_commit_is_written_before_it_is_acknowledged_unless_the_url_chooses_a_write_delay() {
        try (PersistenceAdapter db = open("jdbc:h2:file:" + dir.resolve("durable"))) {
            assertThat(writeDelays(db)).isNotEmpty().containsOnly("0");
        }
        try (PersistenceAdapter db = open("jdbc:h2:file:" + dir.resolve("chosen") + ";WRITE_DELAY=100")) {
            assertThat(writeDelays(db)).contains("100");
        }
    }

    @Test
    void only_file_databases_are_touched() {
        assertThat(H2Files.durable("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isEqualTo("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1");
        assertThat(H2Files.durable("jdbc:h2:tcp://127.0.0.1/x")).isEqualTo("jdbc:h2:tcp://127.0.0.1/x");
        assertThat(H2Files.durable("jdbc:postgresql://127.0.0.1/x")).isEqualTo("jdbc:postgresql://127.0.0.1/x");
        assertThat(H2Files.durable("jdbc:h2:./data/x;AUTO_SERVER=TRUE")).isEqualTo("jdbc:h2:./data/x;AUTO_SERVER=TRUE;WRITE_DELAY=0");
        assertThat(H2Files.databasePath("jdbc:h2:file:./data/x;AUTO_SERVER=TRUE")).contains(Path.of("./data/x"));
    }
}
