package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.domain.workspace.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Held deletes in the console, in headless Chromium against the real app and Pipedrive on
 * WireMock: when the mass-delete guard held a run's deletes, an admin's card offers "Apply held
 * deletes", says what it does before it is given, and the sync it starts applies them; a member
 * is offered nothing of the kind.
 */
class ConsoleDeletesIT {
    private static final String V1 = "/api/platform/v1";
    private static final String KEY = "pd-console-deletes";

    @TempDir
    Path dir;
    PipedriveStub provider;
    TestServer app;
    Browser browser;
    String admin;

    @BeforeEach
    void start() {
        provider = new PipedriveStub(KEY);
        Map<String, String> env = TestServer.env(dir, provider.origin());
        env.remove("CONNECTIONS_CONSOLE_ORIGINS");
        app = new TestServer(env, SyncSettings.defaults());
        admin = app.token("acme", "alice", Role.ADMIN, false);
        browser = new Browser();
        browser.consoleSignedOut(app.base);
    }

    @AfterEach
    void stop() {
        try {
            assertThat(browser.problems()).as("console errors, CSP violations").isEmpty();
        } finally {
            browser.close();
            app.close();
            provider.close();
        }
    }


    private JsonNode status(String id) {
        return app.get(V1 + "/connections/" + id + "/status", admin).json();
    }

    /** A connection whose last run held 70 deletes: 70 of 80 persons missing from two passes in a row. */
    private String connectionWithHeldDeletes() {
        provider.stream("persons", PipedriveStub.people(1, 80));
        String id = PipedriveStub.connected(app, admin, KEY, "Acme CRM");
        provider.stream("persons", PipedriveStub.people(1, 10));
        for (int pass = 0; pass < 2; pass++) {
            app.syncAndStatus(id, admin, null);
        }
        assertThat(status(id).at("/last_run/deletes_held").asInt()).as(status(id).toString()).isEqualTo(70);
        return id;
    }

    @Test
    void an_admin_applies_held_deletes_after_reading_what_they_do() {
        String id = connectionWithHeldDeletes();
        browser.signIn(admin);
        WebElement card = browser.card(id);
        assertThat(card.getAttribute("data-health")).isEqualTo("degraded");
        assertThat(card.getText()).as("the card says why").contains("held 70 delete(s) back");

        browser.clickAction(id, "confirm_deletes");
        WebElement dialog = browser.visible("#action-dialog");
        assertThat(dialog.getText()).contains("70 records", "deleted none of them", "lists again is kept");
        assertThat(status(id).at("/last_run/records_deleted").asInt()).as("nothing happens before the confirmation")
                .isZero();
        browser.find("#action-dialog button[type='submit']").click();
        String notice = browser.await(d -> {
            String text = browser.card(id).findElement(By.cssSelector(".card-notice")).getText();
            return text.isEmpty() ? null : text;
        });
        assertThat(notice).contains("applies the held deletes (70 records)");

        app.tickAndDrain();
        JsonNode after = status(id);
        assertThat(after.at("/last_run/records_deleted").asInt()).as(after.toString()).isEqualTo(70);
        assertThat(after.at("/last_run/deletes_held").asInt()).isZero();
        assertThat(after.get("health").asText()).isEqualTo("healthy");
        browser.driver.navigate().refresh();
        browser.visible("#inventory");
        browser.waiting(Duration.ofSeconds(10)).until(d -> "healthy".equals(browser.card(id).getAttribute("data-health")));
        assertThat(browser.card(id).findElements(By.cssSelector("button[data-action='confirm_deletes']")))
                .as("nothing held any more: nothing to apply").isEmpty();
    }

    @Test
    void a_member_is_not_offered_to_apply_them() {
        String id = connectionWithHeldDeletes();
        String member = app.token("acme", "bob", Role.MEMBER, false);
        JsonNode asMember = app.get(V1 + "/connections/" + id, member).json();
        assertThat(asMember.get("available_actions").toString()).doesNotContain("confirm_deletes");
        JsonNode asAdmin = app.get(V1 + "/connections/" + id, admin).json();
        assertThat(asAdmin.get("available_actions").toString()).contains("confirm_deletes");
        browser.signIn(member);
        assertThat(browser.card(id).findElements(By.cssSelector("button[data-action='confirm_deletes']"))).isEmpty();
    }
}
