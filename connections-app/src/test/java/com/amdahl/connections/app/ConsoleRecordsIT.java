package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.out.RecordSink.SyncedRecord;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * What a connection holds, in headless Chromium against the real app seeded as {@code serve
 * --demo} seeds it: counts per stream on the cards, the Records dialog (newest first, key fields,
 * raw JSON on demand, older ones on request), and no request the API refuses: a personal
 * connection's records are read by its owner only, and a token without {@code records:read}
 * asks for none.
 */
class ConsoleRecordsIT {
    private static final String V1 = "/api/platform/v1";

    @TempDir
    static Path dir;
    static TestServer app;
    static Browser browser;
    static String pipedrive;
    static String hubspot;
    static String gmail;

    @BeforeAll
    static void start() {
        Map<String, String> env = TestServer.env(dir, "http://127.0.0.1:9");
        env.remove("CONNECTIONS_CONSOLE_ORIGINS");
        app = new TestServer(env, SyncSettings.defaults());
        DemoData.seed(app.runtime, app.base);
        JsonNode listed = app.get(V1 + "/connections", token(DemoData.ADMIN)).json().get("connections");
        pipedrive = idOf(listed, "pipedrive");
        hubspot = idOf(listed, "hubspot");
        gmail = idOf(listed, "gmail");
        // a stream longer than one screen of the dialog
        List<SyncedRecord> activities = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            activities.add(new SyncedRecord("a" + i, "{\"id\":" + i + ",\"subject\":\"Demo call " + i + "\",\"type\":\"call\"}"));
        }
        app.runtime.persistence.recordSink().write(new WorkspaceId(DemoData.WORKSPACE), new ConnectionId(pipedrive),
                "activities", activities);
        // a stream longer than one step of the dialog's scan (5,000): its newest need "Read newer changes"
        List<SyncedRecord> tasks = new ArrayList<>();
        for (int i = 1; i <= 5_100; i++) {
            tasks.add(new SyncedRecord("t" + i, "{\"id\":\"t" + i + "\",\"properties\":{\"hs_task_subject\":\"Demo task " + i
                    + "\",\"hs_task_status\":\"NOT_STARTED\"}}"));
        }
        app.runtime.persistence.recordSink().write(new WorkspaceId(DemoData.WORKSPACE), new ConnectionId(hubspot), "tasks", tasks);
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.consoleSignedOut(app.base);
    }

    @AfterEach
    void theConsoleStayedClean() {
        assertThat(browser.problems()).as("console errors, CSP violations").isEmpty();
    }

    private static String token(String user) {
        return app.runtime.app.administration().createToken(DemoData.WORKSPACE, user, false);
    }

    private static String idOf(JsonNode connections, String type) {
        return StreamSupport.stream(connections.spliterator(), false)
                .filter(c -> type.equals(c.get("connector_type").asText())).findFirst().orElseThrow()
                .get("id").asText();
    }

    private void signIn(String token) {
        browser.signIn(token);
    }

    private WebElement card(String id) {
        return browser.card(id);
    }

    /** The card's "Records" value once its counts have arrived (they are read when the card is on screen). */
    private String counts(String id) {
        browser.script("arguments[0].scrollIntoView({block: 'center'})", card(id));
        return browser.await(d -> {
            List<WebElement> summary = card(id).findElements(By.cssSelector(".records-summary"));
            if (summary.isEmpty() || summary.get(0).getText().contains("Counting")) {
                return null;
            }
            return summary.get(0).getText();
        });
    }

    /** Paths of the API requests this page made, with the status each was answered. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> requests() {
        return (List<Map<String, Object>>) browser.script("return performance.getEntriesByType('resource')"
                + ".filter((e) => e.name.includes('/api/'))"
                + ".map((e) => ({ path: new URL(e.name).pathname, query: new URL(e.name).search, status: e.responseStatus }))");
    }

    /** Neither in the page's resource timings nor in the browser's log ("… status of 403 (Forbidden)"). */
    private void noRequestWasRefused() {
        assertThat(requests()).as("requests the API refused").noneMatch(r -> Long.valueOf(403).equals(r.get("status")));
        List<LogEntry> logged = browser.driver.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(logged).extracting(LogEntry::getMessage).noneMatch(message -> message.contains("403"));
        // read here, so checked here as the @AfterEach would (the 401s of the sign-out between tests aside)
        assertThat(logged).as("console errors, CSP violations").noneMatch(entry ->
                entry.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()
                        && !entry.getMessage().contains("Failed to load resource: the server responded with a status of"));
    }

    @Test
    void cards_count_the_records_per_stream_and_the_dialog_shows_the_newest_first_with_raw_json_on_demand() {
        browser.size(420, 800); // one card per row: the last ones start well below the fold
        signIn(token(DemoData.ADMIN));
        browser.await(d -> browser.all("li.card").size() == 6 ? true : null);
        assertThat(browser.script("return arguments[0].getBoundingClientRect().top > innerHeight + 250",
                browser.find("li[data-connection-id='" + hubspot + "']")))
                .as("precondition: the HubSpot card starts below the fold").isEqualTo(true);
        browser.await(d -> requests().stream().anyMatch(r -> String.valueOf(r.get("path")).endsWith("/records/streams")) ? true : null);
        assertThat(requests()).as("counts are read when a card comes on screen, not for the whole list at once")
                .noneMatch(r -> String.valueOf(r.get("path")).endsWith(hubspot + "/records/streams"));
        browser.size(1280, 900);
        assertThat(counts(pipedrive)).contains("120 activities", "5 deals", "4 organizations", "8 persons", "last change");
        assertThat(counts(hubspot)).contains("4 companies", "8 contacts");
        // the member's mailbox: its records are hers alone, so the admin's page neither shows nor asks for them
        assertThat(card(gmail).findElements(By.cssSelector(".records-summary, button[data-action='records']"))).isEmpty();

        card(pipedrive).findElement(By.cssSelector("button[data-action='records']")).click();
        WebElement dialog = browser.visible("#records-dialog");
        assertThat(browser.find("#records-title").getText()).isEqualTo("Records of Pipedrive (demo)");
        browser.visible("#records-dialog .stream-picker");
        assertThat(requests()).as("the counts, read again when the dialog opens, had not changed")
                .anyMatch(r -> String.valueOf(r.get("path")).endsWith(pipedrive + "/records/streams")
                        && Long.valueOf(304).equals(r.get("status")));
        List<String> streams = browser.all("#records-dialog .stream-picker button").stream()
                .map(b -> b.getAttribute("data-stream")).toList();
        assertThat(streams).containsExactly("activities", "deals", "organizations", "persons");

        dialog.findElement(By.cssSelector("button[data-stream='deals']")).click();
        browser.await(d -> browser.all("#records-list li[data-record-id]").size() == 5 ? true : null);
        WebElement newest = browser.all("#records-list li").get(0);
        assertThat(newest.getAttribute("data-record-id")).as("the deal won in a later run changed last").isEqualTo("301");
        assertThat(newest.getText()).contains("Updated", "Title", "Demo Analytical Engines: 40 seats", "Status", "won",
                "Value", "4000", "Currency", "EUR");
        WebElement raw = newest.findElement(By.cssSelector("details.raw"));
        assertThat(raw.getAttribute("open")).isNull();
        assertThat(raw.findElement(By.tagName("pre")).getAttribute("textContent")).as("written when opened").isEmpty();
        raw.findElement(By.tagName("summary")).click();
        String json = browser.await(d -> {
            String text = raw.findElement(By.tagName("pre")).getText();
            return text.isEmpty() ? null : text;
        });
        assertThat(json).contains("\"won_time\": \"2026-12-01 16:00:00\"", "\"currency\": \"EUR\"");
        assertThat(browser.all("#records-list li").get(1).getText()).contains("Added");

        dialog.findElement(By.cssSelector("button[data-stream='persons']")).click();
        browser.await(d -> browser.all("#records-list li[data-record-id]").size() == 8 ? true : null);
        assertThat(browser.all("#records-list li").get(0).getText())
                .contains("108", "Name", "Demo Margaret Hamilton", "Email", "margaret.hamilton@example.com");
        browser.screenshot("records");

        dialog.findElement(By.cssSelector("button[data-stream='activities']")).click();
        browser.await(d -> browser.all("#records-list li[data-record-id]").size() == 50 ? true : null);
        assertThat(browser.all("#records-list li").get(0).getAttribute("data-record-id")).isEqualTo("a120");
        assertThat(browser.find(".records-count").getText()).contains("50 records of 120");
        browser.find("button[data-records-action='older']").click();
        browser.await(d -> browser.all("#records-list li[data-record-id]").size() == 100 ? true : null);
        browser.find("button[data-records-action='older']").click();
        browser.await(d -> browser.all("#records-list li[data-record-id]").size() == 120 ? true : null);
        assertThat(browser.all("#records-list li").get(119).getAttribute("data-record-id")).isEqualTo("a1");
        assertThat(browser.all("button[data-records-action='older']")).isEmpty();

        browser.active().sendKeys(Keys.ESCAPE);
        browser.await(d -> browser.find("#records-dialog").isDisplayed() ? null : true);
        assertThat(browser.active().getAttribute("data-action")).as("focus returns to the card").isEqualTo("records");
        noRequestWasRefused();
    }

    @Test
    void a_stream_longer_than_one_scan_says_so_and_reads_on_from_the_cursor_to_the_newest() {
        signIn(token(DemoData.ADMIN));
        assertThat(counts(hubspot)).contains("5,100 tasks");
        card(hubspot).findElement(By.cssSelector("button[data-action='records']")).click();
        browser.visible("#records-dialog button[data-stream='tasks']").click();
        WebElement partial = browser.visible("#records-dialog .records-partial");
        assertThat(partial.getText()).contains("Read the oldest 5,000 of about 5,100 tasks so far");
        assertThat(browser.all("#records-list li").get(0).getAttribute("data-record-id")).isEqualTo("t5000");
        assertThat(browser.all("#records-list li").get(0).getText()).as("the first scalars, when no usual key field is there")
                .contains("Hs task subject", "Demo task 5000", "Hs task status", "NOT_STARTED");

        partial.findElement(By.cssSelector("button[data-records-action='scan']")).click();
        browser.await(d -> "t5100".equals(browser.all("#records-list li").get(0).getAttribute("data-record-id")) ? true : null);
        assertThat(browser.all("#records-dialog .records-partial")).isEmpty();
        assertThat(browser.find(".records-count").getText()).contains("50 records of 5,100");
        assertThat(requests().stream().filter(r -> String.valueOf(r.get("path")).endsWith(hubspot + "/records")
                && String.valueOf(r.get("query")).contains("stream=tasks")).count())
                .as("five pages of 1,000, then one more from the cursor").isEqualTo(6);
        browser.active().sendKeys(Keys.ESCAPE);
        noRequestWasRefused();
    }

    @Test
    void a_member_reads_workspace_records_and_her_own_mailbox_and_is_never_refused() {
        signIn(token(DemoData.MEMBER));
        assertThat(counts(pipedrive)).contains("5 deals");
        assertThat(counts(hubspot)).contains("8 contacts");
        assertThat(counts(gmail)).as("her own mailbox: readable, nothing synced in the demo").isEqualTo("None yet");
        card(gmail).findElement(By.cssSelector("button[data-action='records']")).click();
        assertThat(browser.visible("#no-records").getText()).contains("Nothing has been synced yet");
        browser.active().sendKeys(Keys.ESCAPE);
        // status polls and late lazy reads included: nothing the API refuses, for a while
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                requests().stream().noneMatch(r -> Long.valueOf(403).equals(r.get("status"))));
        assertThat(requests()).anyMatch(r -> String.valueOf(r.get("path")).endsWith(gmail + "/records/streams"));
        noRequestWasRefused();
    }

    @Test
    void a_token_without_records_read_is_shown_no_records_and_asks_for_none() {
        String readOnly = app.runtime.app.administration().createToken(DemoData.WORKSPACE, DemoData.MEMBER, true);
        signIn(readOnly);
        card(pipedrive);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                requests().stream().noneMatch(r -> String.valueOf(r.get("path")).contains("/records")));
        assertThat(browser.all(".records-summary, button[data-action='records']")).isEmpty();
        noRequestWasRefused();
    }
}
