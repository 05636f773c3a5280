package com.amdahl.connections.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.rest.RestHarness.Answer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's static files: where they are served, with which headers, and what they may not contain. */
class ConsoleAssetsIT {
    private static final Path SOURCES = Path.of("src/main/resources/console");
    static RestHarness http;

    @BeforeAll
    static void start() {
        http = new RestHarness();
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void the_page_answers_at_console_with_and_without_the_trailing_slash() {
        for (String path : new String[] {"/console", "/console/"}) {
            Answer page = http.get(path, null);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body()).contains("<title>Connections").contains("src=\"/console/app.js\"");
            assertSecured(page);
        }
    }

    @Test
    void every_file_is_served_with_its_media_type_and_the_security_headers() {
        for (String file : Console.FILES) {
            Answer asset = http.get("/console/" + file, null);
            assertThat(asset.status()).as(file).isEqualTo(200);
            assertThat(asset.header("Content-Type").replace(" ", "")).as(file).isEqualTo(Console.contentType(file).replace(" ", ""));
            assertSecured(asset);
        }
    }

    @Test
    void an_unknown_file_is_404_and_nothing_outside_the_folder_is_reachable() {
        for (String path : new String[] {"/console/nope.js", "/console/..%2Fopenapi.json", "/console/%2e%2e%2fapp.js"}) {
            Answer missing = http.get(path, null);
            assertThat(missing.status()).as(path).isIn(400, 404);
            assertThat(missing.body()).doesNotContain("openapi");
        }
    }

    @Test
    void the_policy_forbids_inline_code_and_foreign_scripts() {
        assertThat(Console.CONTENT_SECURITY_POLICY)
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' https: data:",
                        "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'")
                .doesNotContain("unsafe");
    }

    @Test
    void the_folder_holds_exactly_the_listed_files() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            Set<String> present = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(present).isEqualTo(new TreeSet<>(Console.FILES));
        }
    }

    @Test
    void the_page_has_no_inline_script_or_style_and_loads_nothing_from_elsewhere() throws IOException {
        String html = Files.readString(SOURCES.resolve("index.html"));
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find()).as("inline script").isFalse();
        assertThat(html).doesNotContainPattern("(?i)<style|\\sstyle=|\\son[a-z]+=|javascript:");
        for (String file : Console.FILES) {
            String text = Files.readString(SOURCES.resolve(file));
            assertThat(text).as(file).doesNotContainPattern("(?i)(src|href)=\"(https?:)?//")
                    .doesNotContainPattern("@import|url\\((?!data:)")
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "new Function",
                            "document.write", "localStorage", ".style.");
        }
    }

    @Test
    void the_token_is_kept_in_session_storage_and_sent_only_as_a_bearer_header() throws IOException {
        String api = Files.readString(SOURCES.resolve("api.js"));
        assertThat(api).contains("sessionStorage", "Authorization", "Bearer ");
        for (String file : Console.FILES) {
            assertThat(Files.readString(SOURCES.resolve(file))).as(file)
                    .doesNotContainPattern("[?&](token|access_token)=");
        }
    }

    private static void assertSecured(Answer answer) {
        assertThat(answer.header("Content-Security-Policy")).isEqualTo(Console.CONTENT_SECURITY_POLICY);
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
    }
}
